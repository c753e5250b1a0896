import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { IS_STREAM, toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed } from "@/lib/stats/streamed";
import type { StatsFilter, Streak } from "@/lib/stats/types";

export const NO_STREAK: Streak = { days: 0, start: null, end: null };

/**
 * Runs of consecutive dates from a CTE `stream_days(local_date)`: consecutive dates share
 * `local_date - row_number`, the classic gaps-and-islands grouping.
 */
const RUNS = Prisma.sql`
  islands AS (SELECT local_date, local_date - (row_number() OVER (ORDER BY local_date))::int AS island FROM stream_days),
  runs AS (SELECT count(*)::bigint AS days, min(local_date) AS first_date, max(local_date) AS last_date FROM islands GROUP BY island)`;

/** A run of `runs` as JSON [days, start, end]. */
const STREAK_JSON = Prisma.sql`json_build_array(days, to_char(first_date, 'YYYY-MM-DD'), to_char(last_date, 'YYYY-MM-DD'))`;

/** A streak from its JSON; null (no run) is no streak. */
export function toStreak(json: unknown): Streak {
  if (json === null) return NO_STREAK;
  const [days, start, end] = json as [number, string, string];
  return { days: toNumber(days), start, end };
}

/** The longest run of local dates with a stream in the range (earliest on ties). */
export const LONGEST_STREAK_JSON = Prisma.sql`
  WITH stream_days AS (SELECT d.local_date FROM days d WHERE d.streams > 0), ${RUNS}
  SELECT ${STREAK_JSON} FROM runs ORDER BY days DESC, first_date LIMIT 1`;

export async function getLongestStreak(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<Streak> {
  const [json] = await queryStreamed(db, filter, await resolvePlan(db, filter, plan), [LONGEST_STREAK_JSON]);
  return toStreak(json);
}

/**
 * Ignores the range: over all streams up to `now`, the run ending on now's local date or the
 * day before. With rollups in the filter's zone, past dates come from them and only today is
 * read from plays (today's rollup may hold streams after `now`).
 */
export function currentStreakJson(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  const today = Prisma.sql`(${filter.now}::timestamptz AT TIME ZONE ${filter.timeZone})::date`;
  const streamDays = plan.zoneMatches
    ? Prisma.sql`
      SELECT d.local_date FROM stats_days d WHERE d.user_id = ${filter.userId} AND d.streams > 0 AND d.local_date < ${today}
      UNION ALL
      SELECT ${today} WHERE EXISTS (
        SELECT 1 FROM plays p
        WHERE p.user_id = ${filter.userId} AND ${IS_STREAM}
          AND p.played_at <= ${filter.now} AND p.played_at > ${filter.now}::timestamptz - interval '2 days'
          AND (p.played_at AT TIME ZONE ${filter.timeZone})::date = ${today})`
    : Prisma.sql`
      SELECT DISTINCT (p.played_at AT TIME ZONE ${filter.timeZone})::date AS local_date
      FROM plays p WHERE p.user_id = ${filter.userId} AND ${IS_STREAM} AND p.played_at <= ${filter.now}`;
  return Prisma.sql`
    WITH stream_days(local_date) AS (${streamDays}), ${RUNS}
    SELECT ${STREAK_JSON} FROM runs WHERE last_date >= ${today} - 1 ORDER BY last_date DESC LIMIT 1`;
}

export async function getCurrentStreak(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<Streak> {
  const resolved = await resolvePlan(db, filter, plan);
  const [json] = await queryStreamed(db, filter, resolved, [currentStreakJson(filter, resolved)]);
  return toStreak(json);
}
