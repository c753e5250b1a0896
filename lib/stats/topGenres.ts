import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed, rankedJson, rankedOrder } from "@/lib/stats/streamed";
import type { RankedGenre, StatsFilter } from "@/lib/stats/types";

type Row = [name: string, streams: number, ms: number];

/**
 * Genres by streams, then ms, name (or by ms first, see rankedOrder): a stream counts once per distinct genre among its track's
 * artists. Summed per artist (a few hundred rows) rather than per track and genre; a genre that
 * several artists of one track share is then counted once too often for that track, and those
 * repeats (tracks with several artists only) are subtracted.
 */
export function topGenresJson(filter: StatsFilter): Prisma.Sql {
  return rankedJson(
    Prisma.sql`
      WITH artist_genres AS (
        SELECT s.artist_id, g.genre, s.streams, s.ms
        FROM artist_streams s JOIN artists a ON a.id = s.artist_id
        CROSS JOIN LATERAL (SELECT DISTINCT u.genre FROM unnest(a.genres) AS u(genre)) g
      ),
      repeats AS (
        SELECT g.genre, (count(*) - 1) * min(ts.streams) AS streams, (count(*) - 1) * min(ts.ms) AS ms
        FROM (SELECT track_id FROM credits GROUP BY track_id HAVING count(*) > 1) shared
        JOIN credits c ON c.track_id = shared.track_id
        JOIN artists a ON a.id = c.artist_id
        CROSS JOIN LATERAL (SELECT DISTINCT u.genre FROM unnest(a.genres) AS u(genre)) g
        JOIN ts ON ts.track_id = shared.track_id
        GROUP BY shared.track_id, g.genre HAVING count(*) > 1
      )
      SELECT genre AS name, sum(streams)::bigint AS streams, sum(ms)::bigint AS ms
      FROM (SELECT genre, streams, ms FROM artist_genres UNION ALL SELECT genre, -streams, -ms FROM repeats) counted
      GROUP BY genre`,
    rankedOrder(filter, Prisma.sql`x.name COLLATE "C"`),
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
