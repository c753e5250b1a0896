import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed, rankedJson, rankedOrder } from "@/lib/stats/streamed";
import type { RankedTrack, StatsFilter } from "@/lib/stats/types";

type Row = [id: string, name: string, streams: number, ms: number, artists: string[]];

/** Tracks by streams, then ms, name, id (or by ms first, see rankedOrder); `artists` in credit order (looked up for the listed tracks only). */
export function topTracksJson(filter: StatsFilter): Prisma.Sql {
  return rankedJson(
    Prisma.sql`SELECT t.track_id AS id, t.name, t.streams, t.ms FROM track_albums t`,
    rankedOrder(filter, Prisma.sql`x.name COLLATE "C", x.id COLLATE "C"`),
    filter.limit,
    Prisma.sql`x.id, x.name, x.streams, x.ms,
      ARRAY(SELECT a.name FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = x.id ORDER BY ta.position)`,
  );
}

export function toTopTracks(json: unknown): RankedTrack[] {
  return (json as Row[]).map(([id, name, streams, ms, artists]) => ({ id, name, artists, streams: toNumber(streams), msListened: toNumber(ms) }));
}

export async function getTopTracks(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<RankedTrack[]> {
  const [json] = await queryStreamed(db, filter, await resolvePlan(db, filter, plan), [topTracksJson(filter)]);
  return toTopTracks(json);
}
