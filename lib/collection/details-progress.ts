import type { Db } from "@/lib/db/client";
import type { DetailsProgress } from "@/lib/collection/types";

/**
 * The enrichment queue's work (lib/enrichment) as it concerns one user's plays. The work began
 * with the user's latest import (imports queue what the export does not say), or when the user
 * signed up. Pending: a queued lookup, or a provisional artist (named by an export) that becomes a
 * Spotify artist once one of its queued tracks is read. Done: read since the work began. The
 * queue is shared; only counts about the user's own tracks and artists come out of here.
 */
export async function detailsProgress(db: Db, userId: string): Promise<DetailsProgress> {
  const [row] = await db.$queryRaw<{ tracks: bigint; tracks_pending: bigint; artists: bigint; artists_pending: bigint }[]>`
    WITH since AS (
      SELECT COALESCE((SELECT max(j.started_at) FROM import_jobs j WHERE j.user_id = u.id), u.created_at) AS at
      FROM users u WHERE u.id = ${userId}
    ),
    own_tracks AS (SELECT DISTINCT p.track_id FROM plays p WHERE p.user_id = ${userId}),
    track_work AS (
      SELECT t.id, e.spotify_id IS NOT NULL AS pending
      FROM own_tracks o
      JOIN tracks t ON t.id = o.track_id
      LEFT JOIN enrichment_tasks e ON e.kind = 'track' AND e.spotify_id = t.id
      CROSS JOIN since
      WHERE e.spotify_id IS NOT NULL OR t.enriched_at >= since.at
    ),
    own_artists AS (
      SELECT a.id, a.details_fetched_at,
        EXISTS (SELECT 1 FROM enrichment_tasks e WHERE e.kind = 'artist' AND e.spotify_id = a.id)
        OR (a.id LIKE 'local:%' AND EXISTS (
          SELECT 1 FROM track_artists ta JOIN enrichment_tasks e ON e.kind = 'track' AND e.spotify_id = ta.track_id
          WHERE ta.artist_id = a.id)) AS pending
      FROM artists a
      WHERE a.id IN (SELECT ta.artist_id FROM track_artists ta JOIN own_tracks o ON o.track_id = ta.track_id)
    ),
    artist_work AS (
      SELECT a.pending FROM own_artists a CROSS JOIN since WHERE a.pending OR a.details_fetched_at >= since.at
    )
    SELECT (SELECT count(*) FROM track_work) AS tracks,
           (SELECT count(*) FROM track_work WHERE pending) AS tracks_pending,
           (SELECT count(*) FROM artist_work) AS artists,
           (SELECT count(*) FROM artist_work WHERE pending) AS artists_pending`;
  const tracks = Number(row?.tracks ?? 0);
  const artists = Number(row?.artists ?? 0);
  const pending = Number(row?.tracks_pending ?? 0) + Number(row?.artists_pending ?? 0);
  return { tracks, artists, done: tracks + artists - pending, pending };
}
