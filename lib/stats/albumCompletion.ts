import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed, rankedJson } from "@/lib/stats/streamed";
import type { AlbumCompletion, StatsFilter } from "@/lib/stats/types";

type AlbumRow = [id: string, name: string, distinctTracks: number, totalTracks: number, completion: number, streams: number];
type Json = [summary: [albums: number, completed: number, completionSum: number | null], albums: AlbumRow[]];

/**
 * For albums with a stream in the range and a known track count: distinct tracks streamed in the
 * range / total tracks, capped at 1. A track count of 0 is treated as unknown.
 */
export function albumCompletionJson(filter: StatsFilter): Prisma.Sql {
  return Prisma.sql`
    WITH scored AS MATERIALIZED (
      SELECT al.id, al.name, al.total_tracks, s.distinct_tracks, s.streams,
             LEAST(s.distinct_tracks::float8 / al.total_tracks, 1::float8) AS completion
      FROM album_streams s JOIN albums al ON al.id = s.album_id
      WHERE al.total_tracks > 0
    )
    SELECT json_build_array(
      (SELECT json_build_array(count(*), count(*) FILTER (WHERE completion >= 1), sum(completion)) FROM scored),
      (${rankedJson(
        Prisma.sql`SELECT * FROM scored`,
        Prisma.sql`x.completion DESC, x.streams DESC, x.name COLLATE "C", x.id COLLATE "C"`,
        filter.limit,
        Prisma.sql`x.id, x.name, x.distinct_tracks, x.total_tracks, x.completion, x.streams`,
      )}))`;
}

export function toAlbumCompletion(json: unknown): AlbumCompletion {
  const [[albumCount, completed, completionSum], albums] = json as Json;
  return {
    completedAlbums: toNumber(completed),
    meanCompletion: albumCount === 0 ? null : toNumber(completionSum) / albumCount,
    albums: albums.map(([id, name, distinctTracks, totalTracks, completion, streams]) => ({
      id,
      name,
      distinctTracks: toNumber(distinctTracks),
      totalTracks: toNumber(totalTracks),
      completion: toNumber(completion),
      streams: toNumber(streams),
    })),
  };
}

export async function getAlbumCompletion(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<AlbumCompletion> {
  const [json] = await queryStreamed(db, filter, await resolvePlan(db, filter, plan), [albumCompletionJson(filter)]);
  return toAlbumCompletion(json);
}
