/**
 * The first view of a dashboard page, on the server: the range from the URL (the default one,
 * flagged, when not understood), the report for it, and whether the user has any play at all.
 */
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { resolveRangeQuery } from "@/lib/stats/range";
import { getCachedReport } from "@/lib/stats/report-cache";
import type { RankBy } from "@/lib/stats/types";
import type { InitialReport, ReportSection, TimelineShape } from "@/components/dashboard/report-types";
import { shapeReport } from "@/components/dashboard/shape-report";
import { reportRequestOf } from "@/components/range/range-params";

export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

export function firstParam(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * `timelineShape`: how much of the per-date timeline the page's client component needs (see
 * TimelineShape); a long range's full timeline is most of the page's payload otherwise.
 * `sections`: the parts of the report the page shows (ReportSection); absent, all of them.
 */
export async function loadInitialReport(
  user: SessionUser,
  searchParams: Awaited<PageSearchParams>,
  limit: number,
  timelineShape: TimelineShape = "omitted",
  rankBy?: RankBy,
  sections?: ReportSection[],
): Promise<InitialReport> {
  const now = new Date();
  const resolved = resolveRangeQuery(
    { range: firstParam(searchParams.range), from: firstParam(searchParams.from), to: firstParam(searchParams.to) },
    now,
    user.timeZone,
  );
  const { report, lastPlayedAt } = await getCachedReport(getDb(), {
    userId: user.id,
    from: resolved.from,
    to: resolved.to,
    timeZone: user.timeZone,
    limit,
    now,
    rankBy,
  });
  return {
    report: shapeReport(report, timelineShape, sections, now),
    request: reportRequestOf(resolved),
    limit,
    timeZone: user.timeZone,
    timelineShape,
    ...(sections ? { sections } : {}),
    ...(rankBy ? { rankBy } : {}),
    hasAnyPlays: lastPlayedAt !== null,
  };
}

/** `?by=time` ranks by time listened; anything else by streams. */
export function rankByOf(searchParams: Awaited<PageSearchParams>): RankBy {
  return firstParam(searchParams.by) === "time" ? "time" : "streams";
}
