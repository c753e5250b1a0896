/**
 * The streams every trend list is ranked by, computed once per statement (as lib/stats/streamed.ts
 * does for the report): per track and per credited artist, `recent` (streams in R) and `baseline`
 * (streams in B). With rollups each window reads the coarsest day/month buckets that tile it;
 * otherwise the plays of the 196 dates (lib/stats/trend-windows.ts). Each figure's module supplies a scalar JSON subquery over:
 *
 * CTEs: track_counts (track_id, recent, baseline), trend_credits (distinct track_id, artist_id of
 * track_counts), artist_counts (artist_id, recent, baseline).
 */
import { Prisma } from "@/lib/db/generated/client";
import { trackStreams } from "@/lib/stats/sources";
import type { StatsDb } from "@/lib/stats/sql";
import type { DateWindow, TrendSources } from "@/lib/stats/trend-windows";

/** Streams per track in a window: (track_id, streams, ms). */
function windowStreams(sources: TrendSources, window: DateWindow): Prisma.Sql {
  return trackStreams(sources.rawFilter(window), sources.plan(window));
}

function trendCountCtes(sources: TrendSources): Prisma.Sql {
  return Prisma.sql`
    track_counts AS MATERIALIZED (
      SELECT track_id, sum(recent)::bigint AS recent, sum(baseline)::bigint AS baseline
      FROM (
        SELECT r.track_id, r.streams AS recent, 0::bigint AS baseline FROM (${windowStreams(sources, sources.windows.recent)}) r
        UNION ALL
        SELECT b.track_id, 0::bigint, b.streams FROM (${windowStreams(sources, sources.windows.baseline)}) b
      ) both_windows
      GROUP BY track_id
    ),
    trend_credits AS MATERIALIZED (
      SELECT DISTINCT ta.track_id, ta.artist_id FROM track_artists ta JOIN track_counts tc ON tc.track_id = ta.track_id
    ),
    artist_counts AS MATERIALIZED (
      SELECT c.artist_id, sum(tc.recent)::bigint AS recent, sum(tc.baseline)::bigint AS baseline
      FROM track_counts tc JOIN trend_credits c ON c.track_id = tc.track_id
      GROUP BY c.artist_id
    )`;
}

/** Runs the given scalar subqueries (each returning json) over the trend CTEs in one statement; their parsed values, in order. */
export async function queryTrendCounts(db: StatsDb, sources: TrendSources, columns: Prisma.Sql[]): Promise<unknown[]> {
  const rows = await db.$queryRaw<{ result: string }[]>(Prisma.sql`
    WITH ${trendCountCtes(sources)}
    SELECT json_build_array(${Prisma.join(
      columns.map((column) => Prisma.sql`(${column})`),
      ", ",
    )})::text AS result`);
  return JSON.parse(rows[0].result) as unknown[];
}

/**
 * score = (recent + 1) / (baseline / 6 + 1) = 6 (recent + 1) / (baseline + 6), as an exact sort
 * key: the quotient scaled by 10^20 and truncated. Equal scores give equal keys; distinct scores
 * of counts below 10^7 differ by more than 10^-14, so their keys differ too.
 */
export function scoreKey(alias: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`div(((${alias}.recent + 1) * 6)::numeric * 100000000000000000000, (${alias}.baseline + 6)::numeric)`;
}

/** The score as a number: the exact quotient, correctly rounded (2 and 0.5 come out exactly). */
export function scoreOf(recent: number, baseline: number): number {
  return (6 * (recent + 1)) / (baseline + 6);
}
