/**
 * The streams every trend list is ranked by, computed once per statement (as lib/stats/streamed.ts
 * does for the report): per track and per credited artist, `recent` (streams in R) and `baseline`
 * (streams in B). One pass over the 196 dates: with rollups, the coarsest day/month buckets that
 * tile R and those that tile B (each bucket lies in one window); otherwise the plays of those
 * dates (lib/stats/trend-windows.ts). Each figure's module supplies a scalar JSON subquery over:
 *
 * CTEs: track_counts (track_id, recent, baseline, quiet), artist_counts (artist_id, recent,
 * baseline, quiet; an artist credited twice on a track counts its streams once). `quiet` counts
 * the streams on the dates of B that rule out a rediscovery (TrendWindows.quiet).
 */
import { Prisma } from "@/lib/db/generated/client";
import { inBuckets } from "@/lib/stats/sources";
import { IS_STREAM, type StatsDb } from "@/lib/stats/sql";
import { queryJson } from "@/lib/stats/streamed";
import type { TrendSources } from "@/lib/stats/trend-windows";

/** Streams per track in R, in B and in B's quiet dates: (track_id, recent, baseline, quiet), tracks with streams in R or B. */
function trackCounts(sources: TrendSources): Prisma.Sql {
  const { userId } = sources.filter;
  const { recent, baseline, quiet, weeks } = sources.windows;
  if (sources.rolledUp) {
    // R, B before its quiet dates, and the quiet dates are each tiled by buckets starting in
    // them: a bucket's first date says where it counts.
    const b = Prisma.sql`b`;
    return Prisma.sql`
      SELECT b.track_id, COALESCE(sum(b.streams) FILTER (WHERE b.bucket >= ${recent.from}::date), 0)::bigint AS recent,
             COALESCE(sum(b.streams) FILTER (WHERE b.bucket < ${recent.from}::date), 0)::bigint AS baseline,
             COALESCE(sum(b.streams) FILTER (WHERE b.bucket >= ${quiet.from}::date AND b.bucket < ${recent.from}::date), 0)::bigint AS quiet
      FROM stats_track_buckets b
      WHERE b.user_id = ${userId}
        AND (${inBuckets(b, recent.from, recent.to)} OR ${inBuckets(b, baseline.from, quiet.from)} OR ${inBuckets(b, quiet.from, quiet.to)})
      GROUP BY b.track_id`;
  }
  const [recentFrom, quietFrom] = [sources.rawFilter(recent).from, sources.rawFilter(quiet).from];
  const { from, to } = sources.rawFilter(weeks);
  return Prisma.sql`
    SELECT p.track_id, count(*) FILTER (WHERE p.played_at >= ${recentFrom})::bigint AS recent,
           count(*) FILTER (WHERE p.played_at < ${recentFrom})::bigint AS baseline,
           count(*) FILTER (WHERE p.played_at >= ${quietFrom} AND p.played_at < ${recentFrom})::bigint AS quiet
    FROM plays p
    WHERE p.user_id = ${userId} AND ${IS_STREAM} AND p.played_at >= ${from} AND p.played_at < ${to}
    GROUP BY p.track_id`;
}

function trendCountCtes(sources: TrendSources): Prisma.Sql {
  return Prisma.sql`
    track_counts AS MATERIALIZED (${trackCounts(sources)}),
    artist_counts AS MATERIALIZED (
      SELECT c.artist_id, sum(c.recent)::bigint AS recent, sum(c.baseline)::bigint AS baseline, sum(c.quiet)::bigint AS quiet
      FROM (SELECT DISTINCT ta.track_id, ta.artist_id, tc.recent, tc.baseline, tc.quiet FROM track_artists ta JOIN track_counts tc ON tc.track_id = ta.track_id) c
      GROUP BY c.artist_id
    )`;
}

/** Runs the given scalar subqueries (each returning json) over the trend CTEs in one statement; their parsed values, in order. */
export function queryTrendCounts(db: StatsDb, sources: TrendSources, columns: Prisma.Sql[]): Promise<unknown[]> {
  return queryJson(db, columns, trendCountCtes(sources));
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
