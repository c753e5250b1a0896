/**
 * Unusual days (SPEC 5c). For each local date d of D-364..D whose 28 preceding dates all lie on
 * or after the local date of the user's first play: x(d) = minutes of streams on d, m = the median
 * of x over d-28..d-1 (dates without streams count as 0), MAD = the median of |x - m| over the
 * same dates, s = max(1.4826 MAD, 10), z = (x(d) - m) / s; listed when z >= 3.5, by z desc, date.
 *
 * The database returns the minutes of at most 393 dates, from the day rollups when they are in
 * the trends' zone (else from the plays of those dates), and the first play's date, as one more
 * column of the trends statement (lib/stats/trend-counts.ts); the medians are taken here. They are computed on whole milliseconds doubled (a median of an even count is
 * a half-integer), so m, MAD and x - m are exact and the floor case (s = 10) is decided exactly.
 */
import { Prisma } from "@/lib/db/generated/client";
import { addDays } from "@/lib/stats/local-time";
import { dailyTotals } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryTrendCounts } from "@/lib/stats/trend-counts";
import { eitherSource, MEDIAN_WINDOW_DAYS, trendSources, type TrendSources } from "@/lib/stats/trend-windows";
import type { TrendsFilter, UnusualDay } from "@/lib/stats/trend-types";
import type { LocalDate } from "@/lib/stats/types";

export const Z_THRESHOLD = 3.5;
export const SCALE_FLOOR_MINUTES = 10;
export const MAD_SCALE = 1.4826;
const MS_PER_MINUTE = 60_000;

/** One date of the last year: its minutes, and when it can be scored, the usual amount and z. */
export type DayScore = {
  date: LocalDate;
  minutes: number;
  /** m of the 28 dates before; null when they are not all on or after the first play's date. */
  baselineMedian: number | null;
  z: number | null;
  unusual: boolean;
  /** The scale s was the floor of 10 minutes (the 28 dates before were too regular to say more). */
  floored: boolean;
};

export type DayScores = {
  /** Local date of the user's first play (any play, all time); null without plays. */
  firstPlayDate: LocalDate | null;
  /** D-364..D, ascending. */
  days: DayScore[];
};

function middleSum(sorted: number[]): number {
  const half = sorted.length / 2;
  return sorted[half - 1] + sorted[half];
}

/** Scores `xMs` (ms of streams on d) against the ms of the 28 dates before it. */
export function scoreDay(xMs: number, windowMs: number[]): Pick<DayScore, "baselineMedian" | "z" | "unusual" | "floored"> {
  const median2 = middleSum([...windowMs].sort((a, b) => a - b)); // 2m, in ms
  const mad4 = middleSum(windowMs.map((value) => Math.abs(2 * value - median2)).sort((a, b) => a - b)); // 4 MAD, in ms
  const scaled = MAD_SCALE * (mad4 / 4 / MS_PER_MINUTE);
  const floored = scaled <= SCALE_FLOOR_MINUTES;
  const s = floored ? SCALE_FLOOR_MINUTES : scaled;
  const difference2 = 2 * xMs - median2; // 2 (x - m), in ms
  const z = difference2 / (2 * MS_PER_MINUTE) / s;
  // With the floor, z >= 3.5 <=> 2 (x - m) >= 2 * 3.5 * 10 minutes, all in whole ms.
  const unusual = floored ? difference2 >= 2 * Z_THRESHOLD * SCALE_FLOOR_MINUTES * MS_PER_MINUTE : z >= Z_THRESHOLD;
  return { baselineMedian: median2 / (2 * MS_PER_MINUTE), z, unusual, floored };
}

/** Scores every date of the window from the ms of streams per date (absent dates: 0). */
export function scoreDays(msByDate: Map<LocalDate, number>, firstPlayDate: LocalDate | null, scored: { from: LocalDate; to: LocalDate }): DayScore[] {
  // The ms of each date from 28 dates before the window to its end, by position (no date arithmetic per window).
  const firstDate = addDays(scored.from, -MEDIAN_WINDOW_DAYS);
  const dates: LocalDate[] = [];
  for (let date = firstDate; date < scored.to; date = addDays(date, 1)) dates.push(date);
  const ms = dates.map((date) => msByDate.get(date) ?? 0);
  const days: DayScore[] = [];
  for (let index = MEDIAN_WINDOW_DAYS; index < dates.length; index++) {
    const date = dates[index];
    const day: DayScore = { date, minutes: ms[index] / MS_PER_MINUTE, baselineMedian: null, z: null, unusual: false, floored: false };
    // d - 28 (the window's first date) on or after the first play's date.
    if (firstPlayDate !== null && dates[index - MEDIAN_WINDOW_DAYS] >= firstPlayDate) {
      Object.assign(day, scoreDay(ms[index], ms.slice(index - MEDIAN_WINDOW_DAYS, index)));
    }
    days.push(day);
  }
  return days;
}

/** The listed unusual days: z desc, then date, cut at `limit`. */
export function unusualDaysOf(days: DayScore[], limit: number): UnusualDay[] {
  return days
    .filter((day) => day.unusual)
    .sort((a, b) => b.z! - a.z! || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .slice(0, limit)
    .map((day) => ({ date: day.date, minutes: day.minutes, baselineMedian: day.baselineMedian!, z: day.z! }));
}

/** The local date of the user's first play (`YYYY-MM-DD` or null): the first day rollup, else the first play. */
function firstPlayDateSql(sources: TrendSources): Prisma.Sql {
  const { userId, timeZone } = sources.filter;
  return eitherSource(
    sources,
    Prisma.sql`SELECT to_char(min(d.local_date), 'YYYY-MM-DD') FROM stats_days d WHERE d.user_id = ${userId}`,
    Prisma.sql`SELECT to_char((min(p.played_at) AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') FROM plays p WHERE p.user_id = ${userId}`,
  );
}

/** A scalar subquery: [first play's date, [[date, ms of streams], ...] for the dates of D-392..D with streams]. */
export function dayMinutesJson(sources: TrendSources): Prisma.Sql {
  const window = sources.windows.minutes;
  const filter = sources.rawFilter(window);
  return Prisma.sql`
    SELECT json_build_array((${firstPlayDateSql(sources)}),
      (SELECT json_agg(json_build_array(to_char(d.local_date, 'YYYY-MM-DD'), d.ms_streams))
       FROM (${dailyTotals(filter, sources.plan(window))}) d WHERE d.ms_streams > 0))`;
}

export function toDayScores(json: unknown, sources: TrendSources): DayScores {
  const [firstPlayDate, days] = json as [string | null, [string, number | string][] | null];
  const msByDate = new Map<LocalDate, number>((days ?? []).map(([date, ms]) => [date, toNumber(ms)]));
  return { firstPlayDate, days: scoreDays(msByDate, firstPlayDate, sources.windows.scored) };
}

export async function getDayScores(db: StatsDb, filter: TrendsFilter): Promise<DayScores> {
  const sources = await trendSources(db, filter);
  const [json] = await queryTrendCounts(db, sources, [dayMinutesJson(sources)]);
  return toDayScores(json, sources);
}

export async function getUnusualDays(db: StatsDb, filter: TrendsFilter): Promise<UnusualDay[]> {
  return unusualDaysOf((await getDayScores(db, filter)).days, filter.limit);
}
