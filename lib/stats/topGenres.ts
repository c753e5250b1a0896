import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { CREDITS_OF_TS, trackStreams } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { RankedGenre, StatsFilter } from "@/lib/stats/types";

type Row = { name: string; streams: bigint; ms: bigint };

/** Genres by streams: a stream counts once per distinct genre among its track's artists. */
export async function getTopGenres(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<RankedGenre[]> {
  const source = trackStreams(filter, await resolvePlan(db, filter, plan));
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH ts AS (${source}), credits AS (${CREDITS_OF_TS}),
    track_genres AS (
      SELECT DISTINCT c.track_id, g.genre
      FROM credits c JOIN artists a ON a.id = c.artist_id CROSS JOIN LATERAL unnest(a.genres) AS g(genre)
    )
    SELECT tg.genre AS name, sum(ts.streams)::bigint AS streams, sum(ts.ms)::bigint AS ms
    FROM ts JOIN track_genres tg ON tg.track_id = ts.track_id
    GROUP BY tg.genre
    ORDER BY streams DESC, ms DESC, tg.genre COLLATE "C"
    LIMIT ${filter.limit}`);
  return rows.map((row) => ({ name: row.name, streams: toNumber(row.streams), msListened: toNumber(row.ms) }));
}
