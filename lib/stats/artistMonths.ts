import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { artistMonthRows, trackMonthRows } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { StatsFilter } from "@/lib/stats/types";

/** One local month of an artist's streams (SPEC 5c): `YYYY-MM`. */
export type ArtistMonth = { month: string; streams: number; msListened: number };

type Row = [month: string, streams: number, ms: number];

/**
 * Per artist of `artistIds`: every local month from its first to its last stream in the range,
 * months without streams included with zeros, as a JSON object artist id -> [[month, streams, ms]]
 * (artists without streams in the range are absent). A scalar subquery: it reads no streamed CTE.
 */
export function artistMonthsJson(filter: StatsFilter, plan: StatsPlan, artistIds: string[]): Prisma.Sql {
  // Where the rollups answer, the artist buckets give whole months; else the credited tracks' months.
  const rows = plan.days
    ? artistMonthRows(filter.userId, plan.days, artistIds)
    : Prisma.sql`
      SELECT c.artist_id, tm.month, tm.streams, tm.ms
      FROM (${trackMonthRows(filter, Prisma.sql`ARRAY(SELECT DISTINCT track_id FROM credited)`)}) tm JOIN credited c ON c.track_id = tm.track_id`;
  return Prisma.sql`
    WITH credited AS MATERIALIZED (SELECT DISTINCT ta.artist_id, ta.track_id FROM track_artists ta WHERE ta.artist_id = ANY(${artistIds}::text[])),
    artist_months AS (
      SELECT am.artist_id, am.month, sum(am.streams)::bigint AS streams, sum(am.ms)::bigint AS ms
      FROM (${rows}) am(artist_id, month, streams, ms)
      GROUP BY 1, 2 HAVING sum(am.streams) > 0
    ),
    filled AS (
      SELECT s.artist_id, g.month::date AS month
      FROM (SELECT artist_id, min(month) AS first_month, max(month) AS last_month FROM artist_months GROUP BY artist_id) s
      CROSS JOIN LATERAL generate_series(s.first_month::timestamp, s.last_month::timestamp, interval '1 month') AS g(month)
    )
    SELECT COALESCE(json_object_agg(x.artist_id, x.months), '{}'::json)
    FROM (
      SELECT f.artist_id, json_agg(json_build_array(to_char(f.month, 'YYYY-MM'), COALESCE(m.streams, 0), COALESCE(m.ms, 0)) ORDER BY f.month) AS months
      FROM filled f LEFT JOIN artist_months m ON m.artist_id = f.artist_id AND m.month = f.month
      GROUP BY f.artist_id
    ) x`;
}

export function toArtistMonths(json: unknown): ArtistMonth[] {
  return ((json ?? []) as Row[]).map(([month, streams, ms]) => ({ month, streams: toNumber(streams), msListened: toNumber(ms) }));
}

/** The months of several artists at once (the followed artists' chart); every given id gets a list, empty without streams. */
export async function getArtistMonths(db: StatsDb, filter: StatsFilter, artistIds: string[], plan?: StatsPlan): Promise<Map<string, ArtistMonth[]>> {
  if (artistIds.length === 0) return new Map();
  const resolved = await resolvePlan(db, filter, plan);
  const rows = await db.$queryRaw<{ result: string }[]>`SELECT (${artistMonthsJson(filter, resolved, artistIds)})::text AS result`;
  const byArtist = JSON.parse(rows[0].result) as Record<string, unknown>;
  return new Map(artistIds.map((id) => [id, toArtistMonths(byArtist[id])]));
}
