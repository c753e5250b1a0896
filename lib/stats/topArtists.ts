import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed, rankedJson, rankedOrder } from "@/lib/stats/streamed";
import type { RankedArtist, StatsFilter } from "@/lib/stats/types";

type Row = [id: string, name: string, streams: number, ms: number];

/** Artists by streams (a stream counts for every artist credited on its track), then ms, name, id (or by ms first, see rankedOrder). */
export function topArtistsJson(filter: StatsFilter): Prisma.Sql {
  return rankedJson(
    Prisma.sql`SELECT a.id, a.name, s.streams, s.ms FROM artist_streams s JOIN artists a ON a.id = s.artist_id`,
    rankedOrder(filter, Prisma.sql`x.name COLLATE "C", x.id COLLATE "C"`),
    filter.limit,
    Prisma.sql`x.id, x.name, x.streams, x.ms`,
  );
}

export function toTopArtists(json: unknown): RankedArtist[] {
  return (json as Row[]).map(([id, name, streams, ms]) => ({ id, name, streams: toNumber(streams), msListened: toNumber(ms) }));
}

export async function getTopArtists(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<RankedArtist[]> {
  const [json] = await queryStreamed(db, filter, await resolvePlan(db, filter, plan), [topArtistsJson(filter)]);
  return toTopArtists(json);
}
