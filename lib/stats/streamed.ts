/**
 * The shared statements of a report. The figures computed from the range's streams per track
 * (top lists, unique counts, new artists, artist streaks, album completion) and from its day rows
 * (play totals, longest streak, skip rate, timeline) share one set of materialised CTEs, so a
 * report reads and aggregates the rollups (or plays) once per statement instead of once per
 * figure. Each figure's module supplies a scalar subquery over these CTEs that returns its JSON;
 * its `get…` function runs that subquery alone through the same path. PostgreSQL computes only
 * the CTEs a statement refers to.
 *
 * CTEs: ts (track_id, streams, ms), credits (distinct track_id, artist_id of ts),
 * artist_streams (artist_id, streams, ms), track_albums (track_id, streams, ms, name, album_id),
 * album_streams (album_id, distinct_tracks, streams, ms), days (the columns of dailyTotals).
 */
import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { CREDITS_OF_TS, dailyTotals, trackStreams } from "@/lib/stats/sources";
import type { StatsDb } from "@/lib/stats/sql";
import type { StatsFilter } from "@/lib/stats/types";

function streamedCtes(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  return Prisma.sql`
    ts AS MATERIALIZED (${trackStreams(filter, plan)}),
    credits AS MATERIALIZED (${CREDITS_OF_TS}),
    artist_streams AS MATERIALIZED (
      SELECT c.artist_id, sum(ts.streams)::bigint AS streams, sum(ts.ms)::bigint AS ms
      FROM ts JOIN credits c ON c.track_id = ts.track_id GROUP BY c.artist_id
    ),
    track_albums AS MATERIALIZED (SELECT ts.track_id, ts.streams, ts.ms, t.name, t.album_id FROM ts JOIN tracks t ON t.id = ts.track_id),
    album_streams AS MATERIALIZED (
      SELECT album_id, count(*)::bigint AS distinct_tracks, sum(streams)::bigint AS streams, sum(ms)::bigint AS ms
      FROM track_albums GROUP BY album_id
    ),
    days AS MATERIALIZED (${dailyTotals(filter, plan)})`;
}

/**
 * Runs the given scalar subqueries (each returning json) in one statement, after the CTEs `ctes`
 * when given; resolves to their parsed values, in order. One JSON text instead of rows: cheaper
 * to decode, and nested lists keep their order.
 */
export async function queryJson(db: StatsDb, columns: Prisma.Sql[], ctes?: Prisma.Sql): Promise<unknown[]> {
  const rows = await db.$queryRaw<{ result: string }[]>(Prisma.sql`
    ${ctes ? Prisma.sql`WITH ${ctes}` : Prisma.empty}
    SELECT json_build_array(${Prisma.join(
      columns.map((column) => Prisma.sql`(${column})`),
      ", ",
    )})::text AS result`);
  return JSON.parse(rows[0].result) as unknown[];
}

/** The given scalar subqueries over the streamed CTEs, in one statement (see queryJson). */
export function queryStreamed(db: StatsDb, filter: StatsFilter, plan: StatsPlan, columns: Prisma.Sql[]): Promise<unknown[]> {
  return queryJson(db, columns, streamedCtes(filter, plan));
}

/** A ranked list's order over `x`: streams then ms (SPEC §5), or ms then streams ("by time"); then `tieBreak`. */
export function rankedOrder(filter: StatsFilter, tieBreak: Prisma.Sql): Prisma.Sql {
  return filter.rankBy === "time" ? Prisma.sql`x.ms DESC, x.streams DESC, ${tieBreak}` : Prisma.sql`x.streams DESC, x.ms DESC, ${tieBreak}`;
}

/**
 * A ranked list as a JSON array of arrays: `rows` (a subquery) aliased `x`, ordered by `order`
 * (over `x`), cut to `limit`, each row as `json_build_array(columns)` (over `x`).
 */
export function rankedJson(rows: Prisma.Sql, order: Prisma.Sql, limit: number, columns: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT COALESCE(json_agg(json_build_array(${columns}) ORDER BY ${order}), '[]'::json)
    FROM (SELECT * FROM (${rows}) x ORDER BY ${order} LIMIT ${limit}) x`;
}
