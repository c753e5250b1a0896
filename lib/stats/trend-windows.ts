/**
 * The local-date windows of the trends (SPEC 5c), counted back from D, the local date of `now`:
 * recent R = D-27..D, baseline B = D-195..D-28, unusual days scored on D-364..D from the 28 dates
 * before each (so daily minutes are read from D-392). The rollups answer every window by local
 * date exactly when they were built in the trends' zone; otherwise each window reads the raw
 * plays from its first instant to the first instant after it.
 */
import type { Prisma } from "@/lib/db/generated/client";
import { MEDIAN_WINDOW_DAYS } from "@/lib/stats/day-scores";
import { RAW_PLAN, type StatsPlan } from "@/lib/stats/plan";
import { addDays, localDateOf, startOfLocalDate } from "@/lib/stats/local-time";
import type { StatsDb } from "@/lib/stats/sql";
import type { TrendsFilter } from "@/lib/stats/trend-types";
import type { LocalDate, StatsFilter } from "@/lib/stats/types";

export const RECENT_DAYS = 28;
export const BASELINE_DAYS = 168;
/** Unusual days are looked for over the last 365 dates, each against the 28 dates before it. */
export const UNUSUAL_SPAN_DAYS = 365;
export { MEDIAN_WINDOW_DAYS };
/** A rediscovery's least gap in days between its last stream before R and its first in R. */
export const REDISCOVERY_GAP_DAYS = 180;

/** Dates `[from, to)`; `to` is the day after the window's last date. */
export type DateWindow = { from: LocalDate; to: LocalDate };

export type TrendWindows = {
  /** D. */
  today: LocalDate;
  recent: DateWindow;
  baseline: DateWindow;
  /** Both windows together: the 196 dates (28 weeks) a rising item's chart shows. */
  weeks: DateWindow;
  /**
   * The dates of B within REDISCOVERY_GAP_DAYS - 1 days of D, D-179..D-28: an artist streamed on
   * one of them is no rediscovery (its first stream in R is at most 179 days after it).
   */
  quiet: DateWindow;
  /** The dates scored for unusual days, D-364..D. */
  scored: DateWindow;
  /** The dates whose minutes the scores read, D-392..D. */
  minutes: DateWindow;
};

export function trendWindows(now: Date, timeZone: string): TrendWindows {
  const today = localDateOf(now, timeZone);
  const tomorrow = addDays(today, 1);
  const recentFrom = addDays(today, -(RECENT_DAYS - 1));
  const baselineFrom = addDays(recentFrom, -BASELINE_DAYS);
  const scoredFrom = addDays(today, -(UNUSUAL_SPAN_DAYS - 1));
  return {
    today,
    recent: { from: recentFrom, to: tomorrow },
    baseline: { from: baselineFrom, to: recentFrom },
    weeks: { from: baselineFrom, to: tomorrow },
    quiet: { from: addDays(today, -(REDISCOVERY_GAP_DAYS - 1)), to: recentFrom },
    scored: { from: scoredFrom, to: tomorrow },
    minutes: { from: addDays(scoredFrom, -MEDIAN_WINDOW_DAYS), to: tomorrow },
  };
}

/**
 * How a trends statement reads a window: from the rollups when they were built in the trends'
 * zone (they answer every window by local date), else from the plays between the window's first
 * instant and the first instant after it. Decided by one lookup before the statement is built:
 * a statement holding both forms behind a run-time switch makes the planner cost (and
 * parallelise) the plays form even when it never runs.
 */
export type TrendSources = {
  windows: TrendWindows;
  filter: TrendsFilter;
  /** The user's rollups were built in the trends' zone. */
  rolledUp: boolean;
  /** The window as a statistics filter: its local day starts as instants (raw plays). */
  rawFilter(window: DateWindow): StatsFilter;
  /** The plan that reads the window: its local dates from the rollups, or raw plays. */
  plan(window: DateWindow): StatsPlan;
};

export async function trendSources(db: StatsDb, filter: TrendsFilter): Promise<TrendSources> {
  const windows = trendWindows(filter.now, filter.timeZone);
  const [row] = await db.$queryRaw<{ rolled_up: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM stats_rollup_state st WHERE st.user_id = ${filter.userId} AND st.time_zone = ${filter.timeZone}) AS rolled_up`;
  const rolledUp = row.rolled_up;
  return {
    windows,
    filter,
    rolledUp,
    rawFilter: (window) => ({
      userId: filter.userId,
      from: startOfLocalDate(window.from, filter.timeZone),
      to: startOfLocalDate(window.to, filter.timeZone),
      timeZone: filter.timeZone,
      limit: filter.limit,
      now: filter.now,
    }),
    plan: (window) => (rolledUp ? { rolledUp: true, zoneMatches: true, days: { from: window.from, to: window.to } } : RAW_PLAN),
  };
}

/** `fromRollups` when the rollups answer, else `fromPlays` (the same columns). */
export function eitherSource(sources: TrendSources, fromRollups: Prisma.Sql, fromPlays: Prisma.Sql): Prisma.Sql {
  return sources.rolledUp ? fromRollups : fromPlays;
}
