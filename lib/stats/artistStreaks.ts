import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { trackDays } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { ArtistStreak, StatsFilter } from "@/lib/stats/types";

type Row = { id: string; name: string; days: bigint; start: string; end: string };

/**
 * Each artist's longest run of consecutive local dates with one of their streams in the range
 * (earliest on ties), ranked by days desc, then the artist's streams in the range desc, name, id.
 */
export async function getArtistStreaks(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<ArtistStreak[]> {
  const source = trackDays(filter, await resolvePlan(db, filter, plan));
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH td AS (${source}),
    credits AS (
      SELECT DISTINCT ta.track_id, ta.artist_id FROM track_artists ta
      WHERE ta.track_id IN (SELECT DISTINCT track_id FROM td)
    ),
    artist_days AS (
      SELECT c.artist_id, td.local_date, sum(td.streams)::bigint AS streams
      FROM td JOIN credits c ON c.track_id = td.track_id
      GROUP BY c.artist_id, td.local_date
    ),
    islands AS (
      SELECT artist_id, local_date, local_date - (row_number() OVER (PARTITION BY artist_id ORDER BY local_date))::int AS island
      FROM artist_days
    ),
    runs AS (
      SELECT artist_id, count(*)::bigint AS days, min(local_date) AS first_date, max(local_date) AS last_date
      FROM islands GROUP BY artist_id, island
    ),
    best AS (SELECT DISTINCT ON (artist_id) artist_id, days, first_date, last_date FROM runs ORDER BY artist_id, days DESC, first_date),
    artist_streams AS (SELECT artist_id, sum(streams)::bigint AS streams FROM artist_days GROUP BY artist_id)
    SELECT a.id, a.name, b.days, to_char(b.first_date, 'YYYY-MM-DD') AS start, to_char(b.last_date, 'YYYY-MM-DD') AS "end"
    FROM best b JOIN artist_streams s ON s.artist_id = b.artist_id JOIN artists a ON a.id = b.artist_id
    ORDER BY b.days DESC, s.streams DESC, a.name COLLATE "C", a.id COLLATE "C"
    LIMIT ${filter.limit}`);
  return rows.map((row) => ({ id: row.id, name: row.name, days: toNumber(row.days), start: row.start, end: row.end }));
}
