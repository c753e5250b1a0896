import type { Db } from "@/lib/db/client";
import { DAY_MS, KNOWN_PLAYS_WINDOW_DAYS, STREAM_MS, STREAM_WINDOW_DAYS, type TrackFigures } from "./suggestions";

type Row = { track_id: string; streams_90d: number; known_365d: number; short_365d: number; last_stream: Date | null };

/**
 * The user's plays of each track of a playlist version, counted at `now` (SPEC §10): windows end
 * before `now` and start a whole number of 24-hour days earlier (computed here, not by
 * PostgreSQL's calendar arithmetic). Both lookups walk the (user, track, played_at) index: a
 * playlist costs its tracks, not the history. Tracks without plays have no row.
 */
export async function versionTrackFigures(db: Pick<Db, "$queryRaw">, userId: string, versionId: bigint, now: Date): Promise<Map<string, TrackFigures>> {
  const from90 = new Date(now.getTime() - STREAM_WINDOW_DAYS * DAY_MS);
  const from365 = new Date(now.getTime() - KNOWN_PLAYS_WINDOW_DAYS * DAY_MS);
  const rows = await db.$queryRaw<Row[]>`
    SELECT t.id AS track_id, COALESCE(w.streams_90d, 0)::int AS streams_90d, COALESCE(w.known_365d, 0)::int AS known_365d,
      COALESCE(w.short_365d, 0)::int AS short_365d, last.played_at AS last_stream
    FROM (SELECT DISTINCT track_id AS id FROM playlist_entries WHERE version_id = ${versionId}::bigint AND track_id IS NOT NULL) AS t
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE (p.ms_played IS NULL OR p.ms_played >= ${STREAM_MS}) AND p.played_at >= ${from90}::timestamptz) AS streams_90d,
        count(*) FILTER (WHERE p.ms_played IS NOT NULL) AS known_365d,
        count(*) FILTER (WHERE p.ms_played < ${STREAM_MS}) AS short_365d
      FROM plays p
      WHERE p.user_id = ${userId} AND p.track_id = t.id AND p.played_at >= ${from365}::timestamptz AND p.played_at < ${now}::timestamptz
    ) w ON true
    LEFT JOIN LATERAL (
      SELECT p.played_at FROM plays p
      WHERE p.user_id = ${userId} AND p.track_id = t.id AND p.played_at < ${now}::timestamptz AND (p.ms_played IS NULL OR p.ms_played >= ${STREAM_MS})
      ORDER BY p.played_at DESC LIMIT 1
    ) last ON true`;
  return new Map(
    rows.map((row) => [row.track_id, { streams90d: row.streams_90d, knownPlays365d: row.known_365d, shortPlays365d: row.short_365d, lastStream: row.last_stream }]),
  );
}
