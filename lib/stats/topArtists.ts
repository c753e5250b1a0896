import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { CREDITS_OF_TS, trackStreams } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { RankedArtist, StatsFilter } from "@/lib/stats/types";

type Row = { id: string; name: string; streams: bigint; ms: bigint };

/** Artists by streams (a stream counts for every artist credited on its track), then ms, name, id. */
export async function getTopArtists(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<RankedArtist[]> {
  const source = trackStreams(filter, await resolvePlan(db, filter, plan));
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH ts AS (${source}), credits AS (${CREDITS_OF_TS})
    SELECT a.id, a.name, sum(ts.streams)::bigint AS streams, sum(ts.ms)::bigint AS ms
    FROM ts JOIN credits c ON c.track_id = ts.track_id JOIN artists a ON a.id = c.artist_id
    GROUP BY a.id, a.name
    ORDER BY streams DESC, ms DESC, a.name COLLATE "C", a.id COLLATE "C"
    LIMIT ${filter.limit}`);
  return rows.map((row) => ({ id: row.id, name: row.name, streams: toNumber(row.streams), msListened: toNumber(row.ms) }));
}
