import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed, rankedJson } from "@/lib/stats/streamed";
import type { RankedGenre, StatsFilter } from "@/lib/stats/types";

type Row = [name: string, streams: number, ms: number];

/** Genres by streams, then ms, name: a stream counts once per distinct genre among its track's artists. */
export function topGenresJson(filter: StatsFilter): Prisma.Sql {
  return rankedJson(
    Prisma.sql`
      SELECT tg.genre AS name, sum(ts.streams)::bigint AS streams, sum(ts.ms)::bigint AS ms
      FROM ts JOIN (
        SELECT DISTINCT c.track_id, g.genre
        FROM credits c JOIN artists a ON a.id = c.artist_id CROSS JOIN LATERAL unnest(a.genres) AS g(genre)
      ) tg ON tg.track_id = ts.track_id
      GROUP BY tg.genre`,
    Prisma.sql`x.streams DESC, x.ms DESC, x.name COLLATE "C"`,
    filter.limit,
    Prisma.sql`x.name, x.streams, x.ms`,
  );
}

export function toTopGenres(json: unknown): RankedGenre[] {
  return (json as Row[]).map(([name, streams, ms]) => ({ name, streams: toNumber(streams), msListened: toNumber(ms) }));
}

export async function getTopGenres(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<RankedGenre[]> {
  const [json] = await queryStreamed(db, filter, await resolvePlan(db, filter, plan), [topGenresJson(filter)]);
  return toTopGenres(json);
}
