"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import type { ArtistReport } from "@/lib/stats/artistReport";
import { reportRequestOf, resolveFromParams, sameRequest, type ReportRequest } from "@/components/range/range-params";

/** What the artist page's server component hands its client component. */
export type InitialArtistReport = { report: ArtistReport; request: ReportRequest; limit: number; timeZone: string };

async function fetchArtistReport(artistId: string, request: ReportRequest, limit: number, signal: AbortSignal): Promise<ArtistReport> {
  const params = new URLSearchParams({ ...request, limit: String(limit) });
  const response = await fetch(`/api/artists/${encodeURIComponent(artistId)}?${params}`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The artist's figures could not be loaded (HTTP ${response.status}).`);
  }
  return (await response.json()) as ArtistReport;
}

/** The artist report for the range in the URL: the server's first view, then /api/artists/{id} as the range changes. */
export function useArtistReport(initial: InitialArtistReport) {
  const resolved = resolveFromParams(useSearchParams(), initial.timeZone);
  const request = reportRequestOf(resolved);
  const artistId = initial.report.artist.id;
  const query = useQuery({
    queryKey: ["artist-report", artistId, request, initial.limit],
    queryFn: ({ signal }) => fetchArtistReport(artistId, request, initial.limit, signal),
    initialData: sameRequest(request, initial.request) ? initial.report : undefined,
    placeholderData: keepPreviousData,
  });
  return { report: query.data ?? initial.report, updating: query.isFetching, error: query.error, retry: () => void query.refetch() };
}
