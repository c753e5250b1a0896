"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import type { Report } from "@/lib/stats/types";
import type { InitialReport } from "@/components/dashboard/report-types";
import { reportRequestOf, resolveFromParams, sameRequest, type ReportRequest } from "@/components/range/range-params";

async function fetchReport(request: ReportRequest, limit: number, signal: AbortSignal): Promise<Report> {
  const params = new URLSearchParams({ ...request, limit: String(limit) });
  const response = await fetch(`/api/stats?${params}`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The statistics could not be loaded (HTTP ${response.status}).`);
  }
  return (await response.json()) as Report;
}

/** The report for the range in the URL: the server's first view, then /api/stats as the range changes. */
export function useDashboardReport(initial: InitialReport) {
  const searchParams = useSearchParams();
  const resolved = resolveFromParams(searchParams, initial.timeZone);
  const request = reportRequestOf(resolved);
  const query = useQuery({
    queryKey: ["report", request, initial.limit],
    queryFn: ({ signal }) => fetchReport(request, initial.limit, signal),
    initialData: sameRequest(request, initial.request) ? initial.report : undefined,
    placeholderData: keepPreviousData,
  });
  return {
    report: query.data ?? initial.report,
    resolved,
    updating: query.isFetching,
    error: query.error,
    retry: () => void query.refetch(),
  };
}
