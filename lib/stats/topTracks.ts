import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { trackStreams } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { RankedTrack, StatsFilter } from "@/lib/stats/types";

type Row = { id: string; name: string; artists: string[]; streams: bigint; ms: bigint };

/** Tracks by streams, then ms, name, id; `artists` in credit order. */
export async function getTopTracks(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<RankedTrack[]> {
  const source = trackStreams(filter, await resolvePlan(db, filter, plan));
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH ts AS (${source})
    SELECT t.id, t.name, ts.streams, ts.ms,
           ARRAY(SELECT a.name FROM track_artists ta JOIN artists a ON a.id = ta.artist_id
                 WHERE ta.track_id = t.id ORDER BY ta.position) AS artists
    FROM ts JOIN tracks t ON t.id = ts.track_id
    ORDER BY ts.streams DESC, ts.ms DESC, t.name COLLATE "C", t.id COLLATE "C"
    LIMIT ${filter.limit}`);
  return rows.map((row) => ({ id: row.id, name: row.name, artists: row.artists, streams: toNumber(row.streams), msListened: toNumber(row.ms) }));
}
