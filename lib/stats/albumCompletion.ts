import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { trackStreams } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { AlbumCompletion, StatsFilter } from "@/lib/stats/types";

type AlbumRow = { id: string; name: string; distinct_tracks: bigint; total_tracks: number; completion: number; streams: bigint };
type SummaryRow = { albums: bigint; completed: bigint; completion_sum: number | null };

/**
 * For albums with a stream in the range and a known track count: distinct tracks streamed in the
 * range / total tracks, capped at 1. A track count of 0 is treated as unknown.
 */
export async function getAlbumCompletion(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<AlbumCompletion> {
  const source = trackStreams(filter, await resolvePlan(db, filter, plan));
  const scored = Prisma.sql`
    WITH ts AS (${source}),
    per_album AS (
      SELECT al.id, al.name, al.total_tracks, count(*)::bigint AS distinct_tracks, sum(ts.streams)::bigint AS streams
      FROM ts JOIN tracks t ON t.id = ts.track_id JOIN albums al ON al.id = t.album_id
      WHERE al.total_tracks > 0
      GROUP BY al.id, al.name, al.total_tracks
    ),
    scored AS (SELECT *, LEAST(distinct_tracks::float8 / total_tracks, 1::float8) AS completion FROM per_album)`;
  const [summaryRows, albums] = await Promise.all([
    db.$queryRaw<SummaryRow[]>(Prisma.sql`${scored}
      SELECT count(*)::bigint AS albums, count(*) FILTER (WHERE completion >= 1)::bigint AS completed, sum(completion) AS completion_sum
      FROM scored`),
    db.$queryRaw<AlbumRow[]>(Prisma.sql`${scored}
      SELECT id, name, distinct_tracks, total_tracks, completion, streams FROM scored
      ORDER BY completion DESC, streams DESC, name COLLATE "C", id COLLATE "C"
      LIMIT ${filter.limit}`),
  ]);
  const summary = summaryRows[0];
  const albumCount = toNumber(summary?.albums);
  return {
    completedAlbums: toNumber(summary?.completed),
    meanCompletion: albumCount === 0 ? null : toNumber(summary?.completion_sum) / albumCount,
    albums: albums.map((row) => ({
      id: row.id,
      name: row.name,
      distinctTracks: toNumber(row.distinct_tracks),
      totalTracks: toNumber(row.total_tracks),
      completion: toNumber(row.completion),
      streams: toNumber(row.streams),
    })),
  };
}
