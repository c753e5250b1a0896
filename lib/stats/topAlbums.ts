import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed, rankedJson, rankedOrder } from "@/lib/stats/streamed";
import type { RankedAlbum, StatsFilter } from "@/lib/stats/types";

type Row = [id: string, name: string, streams: number, ms: number];

/** Albums (the album of each streamed track) by streams, then ms, name, id (or by ms first, see rankedOrder). */
export function topAlbumsJson(filter: StatsFilter): Prisma.Sql {
  return rankedJson(
    Prisma.sql`SELECT al.id, al.name, s.streams, s.ms FROM album_streams s JOIN albums al ON al.id = s.album_id`,
    rankedOrder(filter, Prisma.sql`x.name COLLATE "C", x.id COLLATE "C"`),
    filter.limit,
    Prisma.sql`x.id, x.name, x.streams, x.ms`,
  );
}

export function toTopAlbums(json: unknown): RankedAlbum[] {
  return (json as Row[]).map(([id, name, streams, ms]) => ({ id, name, streams: toNumber(streams), msListened: toNumber(ms) }));
}

export async function getTopAlbums(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<RankedAlbum[]> {
  const [json] = await queryStreamed(db, filter, await resolvePlan(db, filter, plan), [topAlbumsJson(filter)]);
  return toTopAlbums(json);
}
