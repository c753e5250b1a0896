import type { Db } from "@/lib/db/client";
import { DAY_MS, figuresChangeAt, KNOWN_PLAYS_WINDOW_DAYS, STREAM_MS, STREAM_WINDOW_DAYS, type TrackFigures } from "./suggestions";

/** [track id, streams_90d, known_365d, short_365d, last stream (epoch ms)] */
type Row = [trackId: string, streams90d: number, known365d: number, short365d: number, lastStream: number | null];

/** A version's track figures, and the first instant after `now` at which time alone would change one. */
export type VersionTrackFigures = {
  byTrack: Map<string, TrackFigures>;
  /** figuresChangeAt (suggestions.ts): until then, the same plays give the same figures. */
  changesAt: number;
};

/**
 * The user's plays of each track of a playlist version, counted at `now` (SPEC §10): windows end
 * before `now` and start a whole number of 24-hour days earlier (computed here, not by
 * PostgreSQL's calendar arithmetic). The lookups walk the (user, track, played_at) index: a
 * playlist costs its tracks, not the history. Tracks without plays have no row. One JSON cell
 * (instants as epoch ms), far cheaper for the client than a row per track.
 */
export async function versionTrackFigures(db: Pick<Db, "$queryRaw">, userId: string, versionId: bigint, now: Date): Promise<VersionTrackFigures> {
  const from90 = new Date(now.getTime() - STREAM_WINDOW_DAYS * DAY_MS);
  const from365 = new Date(now.getTime() - KNOWN_PLAYS_WINDOW_DAYS * DAY_MS);
  const [{ result, first_365d, first_stream_90d, next_play }] = await db.$queryRaw<
    { result: string | null; first_365d: Date | null; first_stream_90d: Date | null; next_play: Date | null }[]
  >`
    SELECT json_agg(json_build_array(t.id, COALESCE(w.streams_90d, 0)::int, COALESCE(w.known_365d, 0)::int,
      COALESCE(w.short_365d, 0)::int, (extract(epoch FROM last.played_at) * 1000)::bigint))::text AS result,
      min(w.first_365d) AS first_365d, min(w.first_stream_90d) AS first_stream_90d, min(next.played_at) AS next_play
    FROM (SELECT DISTINCT track_id AS id FROM playlist_entries WHERE version_id = ${versionId}::bigint AND track_id IS NOT NULL) AS t
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE (p.ms_played IS NULL OR p.ms_played >= ${STREAM_MS}) AND p.played_at >= ${from90}::timestamptz) AS streams_90d,
        count(*) FILTER (WHERE p.ms_played IS NOT NULL) AS known_365d,
        count(*) FILTER (WHERE p.ms_played < ${STREAM_MS}) AS short_365d,
        min(p.played_at) AS first_365d,
        min(p.played_at) FILTER (WHERE (p.ms_played IS NULL OR p.ms_played >= ${STREAM_MS}) AND p.played_at >= ${from90}::timestamptz) AS first_stream_90d
      FROM plays p
      WHERE p.user_id = ${userId} AND p.track_id = t.id AND p.played_at >= ${from365}::timestamptz AND p.played_at < ${now}::timestamptz
    ) w ON true
    LEFT JOIN LATERAL (
      SELECT p.played_at FROM plays p
      WHERE p.user_id = ${userId} AND p.track_id = t.id AND p.played_at < ${now}::timestamptz AND (p.ms_played IS NULL OR p.ms_played >= ${STREAM_MS})
      ORDER BY p.played_at DESC LIMIT 1
    ) last ON true
    LEFT JOIN LATERAL (
      SELECT p.played_at FROM plays p
      WHERE p.user_id = ${userId} AND p.track_id = t.id AND p.played_at >= ${now}::timestamptz
      ORDER BY p.played_at LIMIT 1
    ) next ON true`;
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
