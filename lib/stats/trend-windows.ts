/**
 * The local-date windows of the trends (SPEC 5c), counted back from D, the local date of `now`:
 * recent R = D-27..D, baseline B = D-195..D-28, unusual days scored on D-364..D from the 28 dates
 * before each (so daily minutes are read from D-392). Each window is also a StatsFilter (its
 * first instant to the first instant after it) and a StatsPlan: the rollups answer by local date
 * exactly when they were built in the filter's zone; otherwise every source reads raw plays.
 */
import { planStats, RAW_PLAN, type StatsPlan } from "@/lib/stats/plan";
import { addDays, localDateOf, startOfLocalDate } from "@/lib/stats/local-time";
import type { StatsDb } from "@/lib/stats/sql";
import type { TrendsFilter } from "@/lib/stats/trend-types";
import type { LocalDate, StatsFilter } from "@/lib/stats/types";

export const RECENT_DAYS = 28;
export const BASELINE_DAYS = 168;
/** Unusual days are looked for over the last 365 dates, each against the 28 dates before it. */
export const UNUSUAL_SPAN_DAYS = 365;
export const MEDIAN_WINDOW_DAYS = 28;

/** Dates `[from, to)`; `to` is the day after the window's last date. */
export type DateWindow = { from: LocalDate; to: LocalDate };

export type TrendWindows = {
  /** D. */
  today: LocalDate;
  recent: DateWindow;
  baseline: DateWindow;
  /** Both windows together: the 196 dates (28 weeks) a rising item's chart shows. */
  weeks: DateWindow;
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
    scored: { from: scoredFrom, to: tomorrow },
    minutes: { from: addDays(scoredFrom, -MEDIAN_WINDOW_DAYS), to: tomorrow },
  };
}

/** The window as a statistics filter (instants of its local day starts) and the plan that reads it. */
export type WindowSource = { filter: StatsFilter; plan: StatsPlan };

export type TrendSources = {
  windows: TrendWindows;
  /** The user has rollups in the trends' zone (local-date rollups answer every window). */
  rolledUp: boolean;
  source(window: DateWindow): WindowSource;
};

/** One plan query for all windows: whether the user's rollups are in `filter.timeZone`. */
export async function trendSources(db: StatsDb, filter: TrendsFilter): Promise<TrendSources> {
  const windows = trendWindows(filter.now, filter.timeZone);
  const probe = await planStats(db, { userId: filter.userId, from: null, to: null, timeZone: filter.timeZone, limit: filter.limit, now: filter.now });
  const rolledUp = probe.zoneMatches;
  return {
    windows,
    rolledUp,
    source: (window) => ({
      filter: {
        userId: filter.userId,
        from: startOfLocalDate(window.from, filter.timeZone),
        to: startOfLocalDate(window.to, filter.timeZone),
        timeZone: filter.timeZone,
        limit: filter.limit,
        now: filter.now,
      },
      plan: rolledUp ? { rolledUp: true, zoneMatches: true, days: { from: window.from, to: window.to } } : RAW_PLAN,
    }),
  };
}
