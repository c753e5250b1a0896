import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { trackStreams } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { RankedAlbum, StatsFilter } from "@/lib/stats/types";

type Row = { id: string; name: string; streams: bigint; ms: bigint };

/** Albums (the album of each streamed track) by streams, then ms, name, id. */
export async function getTopAlbums(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<RankedAlbum[]> {
  const source = trackStreams(filter, await resolvePlan(db, filter, plan));
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH ts AS (${source})
    SELECT al.id, al.name, sum(ts.streams)::bigint AS streams, sum(ts.ms)::bigint AS ms
    FROM ts JOIN tracks t ON t.id = ts.track_id JOIN albums al ON al.id = t.album_id
    GROUP BY al.id, al.name
    ORDER BY streams DESC, ms DESC, al.name COLLATE "C", al.id COLLATE "C"
    LIMIT ${filter.limit}`);
  return rows.map((row) => ({ id: row.id, name: row.name, streams: toNumber(row.streams), msListened: toNumber(row.ms) }));
}
