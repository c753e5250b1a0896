/**
 * Unusual days (SPEC 5c). For each local date d of D-364..D whose 28 preceding dates all lie on
 * or after the local date of the user's first play: x(d) = minutes of streams on d, m = the median
 * of x over d-28..d-1 (dates without streams count as 0), MAD = the median of |x - m| over the
 * same dates, s = max(1.4826 MAD, 10), z = (x(d) - m) / s; listed when z >= 3.5, by z desc, date.
 *
 * The database returns the minutes of at most 393 dates, from the day rollups when they are in
 * the trends' zone (else from the plays of those dates), and the first play's date, as one more
 * column of the trends statement (lib/stats/trend-counts.ts); the medians are taken in
 * lib/stats/day-scores.ts (pure, so the trends page's timeline scores its series the same way).
 */
import { Prisma } from "@/lib/db/generated/client";
import { dailySeries, scoreSeries, unusualDaysOf, type DailySeries, type DayScore } from "@/lib/stats/day-scores";
import { dailyTotals } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryTrendCounts } from "@/lib/stats/trend-counts";
import { eitherSource, trendSources, type TrendSources } from "@/lib/stats/trend-windows";
import type { TrendsFilter, UnusualDay } from "@/lib/stats/trend-types";
import type { LocalDate } from "@/lib/stats/types";

export { MAD_SCALE, SCALE_FLOOR_MINUTES, Z_THRESHOLD, scoreDay, scoreDays, unusualDaysOf, type DayScore } from "@/lib/stats/day-scores";

export type DayScores = {
  /** Local date of the user's first play (any play, all time); null without plays. */
  firstPlayDate: LocalDate | null;
  /** D-364..D, ascending. */
  days: DayScore[];
  /** The ms of streams of D-392..D, the days are scored from (what the trends page's timeline is sent). */
  series: DailySeries;
};

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
  const series = dailySeries(msByDate, sources.windows.scored);
  return { firstPlayDate, days: scoreSeries(series, firstPlayDate), series };
}

export async function getDayScores(db: StatsDb, filter: TrendsFilter): Promise<DayScores> {
  const sources = await trendSources(db, filter);
  const [json] = await queryTrendCounts(db, sources, [dayMinutesJson(sources)]);
  return toDayScores(json, sources);
}

export async function getUnusualDays(db: StatsDb, filter: TrendsFilter): Promise<UnusualDay[]> {
  return unusualDaysOf((await getDayScores(db, filter)).days, filter.limit);
}
