import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { figuresChangeAt, type TrackFigures } from "./suggestions";
import { lastStream, nextPlay, windowFigures } from "./track-windows";

/** [track id, streams_90d, known_365d, short_365d, last stream (epoch ms)] */
type Row = [trackId: string, streams90d: number, known365d: number, short365d: number, lastStream: number | null];

/** A version's track figures, and the first instant after `now` at which time alone would change one. */
export type VersionTrackFigures = {
  byTrack: Map<string, TrackFigures>;
  /** figuresChangeAt (suggestions.ts): until then, the same plays give the same figures. */
  changesAt: number;
};

/**
 * The user's plays of each track of a playlist version, counted at `now` (SPEC §10, windows as in
 * track-windows.ts): a playlist costs its tracks, not the history. Tracks without plays have no
 * row. One JSON cell (instants as epoch ms), far cheaper for the client than a row per track.
 */
export async function versionTrackFigures(db: Pick<Db, "$queryRaw">, userId: string, versionId: bigint, now: Date): Promise<VersionTrackFigures> {
  const track = Prisma.sql`t.id`;
  const [{ result, first_365d, first_stream_90d, next_play }] = await db.$queryRaw<
    { result: string | null; first_365d: Date | null; first_stream_90d: Date | null; next_play: Date | null }[]
  >`
    SELECT json_agg(json_build_array(t.id, COALESCE(w.streams_90d, 0)::int, COALESCE(w.known_365d, 0)::int,
      COALESCE(w.short_365d, 0)::int, (extract(epoch FROM last.played_at) * 1000)::bigint))::text AS result,
      min(w.first_365d) AS first_365d, min(w.first_stream_90d) AS first_stream_90d, min(next.played_at) AS next_play
    FROM (SELECT DISTINCT track_id AS id FROM playlist_entries WHERE version_id = ${versionId}::bigint AND track_id IS NOT NULL) AS t
    LEFT JOIN LATERAL ${windowFigures(userId, track, now)} w ON true
    LEFT JOIN LATERAL ${lastStream(userId, track, now)} last ON true
    LEFT JOIN LATERAL ${nextPlay(userId, track, now)} next ON true`;
  const rows = (result === null ? [] : JSON.parse(result)) as Row[];
  const changesAt = figuresChangeAt({ first365d: first_365d, firstStream90d: first_stream_90d, nextPlay: next_play });
  const byTrack = new Map(
    rows.map(([trackId, streams90d, knownPlays365d, shortPlays365d, lastStream]) => [
      trackId,
      { streams90d, knownPlays365d, shortPlays365d, lastStream: lastStream === null ? null : new Date(lastStream) },
    ]),
  );
  return { byTrack, changesAt };
}
