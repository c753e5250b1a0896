"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import type { RankBy, Report } from "@/lib/stats/types";
import type { DashboardReport, InitialReport, ReportSection, TimelineShape } from "@/components/dashboard/report-types";
import { shapeReport } from "@/components/dashboard/shape-report";
import { reportRequestOf, resolveFromParams, sameRequest, type ReportRequest } from "@/components/range/range-params";

async function fetchReport(
  request: ReportRequest,
  limit: number,
  rankBy: RankBy,
  shape: TimelineShape,
  sections: ReportSection[] | undefined,
  signal: AbortSignal,
): Promise<DashboardReport> {
  const params = new URLSearchParams({ ...request, limit: String(limit), ...(rankBy === "time" ? { by: rankBy } : {}) });
  const response = await fetch(`/api/stats?${params}`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The statistics could not be loaded (HTTP ${response.status}).`);
  }
  return shapeReport((await response.json()) as Report, shape, sections);
}

/**
 * The report for the range in the URL: the server's first view, then /api/stats as the range
 * (or, on ranked pages, `rankBy`) changes.
 */
export function useDashboardReport(initial: InitialReport, rankBy: RankBy = "streams") {
  const searchParams = useSearchParams();
  const resolved = resolveFromParams(searchParams, initial.timeZone);
  const request = reportRequestOf(resolved);
  const query = useQuery({
    // The shape and sections are part of the key: pages sharing a limit must not read each other's trimmed reports.
    queryKey: ["report", request, initial.limit, rankBy, initial.timelineShape, initial.sections ?? "all"],
    queryFn: ({ signal }) => fetchReport(request, initial.limit, rankBy, initial.timelineShape, initial.sections, signal),
    initialData: sameRequest(request, initial.request) && rankBy === (initial.rankBy ?? "streams") ? initial.report : undefined,
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
