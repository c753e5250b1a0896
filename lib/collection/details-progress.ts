import type { Db } from "@/lib/db/client";
import type { DetailsProgress } from "@/lib/collection/types";
import { Prisma } from "@/lib/db/generated/client";
import { lookupOfUser, PROBED_QUEUE_LIMIT, QUEUED_LOOKUPS_UP_TO_LIMIT } from "@/lib/enrichment/probed-queue";
import { PAUSED_UNTIL_KEY } from "@/lib/enrichment/queue";

/**
 * The enrichment queue's work (lib/enrichment) as it concerns one user's plays. The work began
 * with the user's latest import (imports queue what the export does not say), or when the user
 * signed up. Pending: a queued lookup, or a provisional artist (named by an export) that becomes a
 * Spotify artist once one of its queued tracks is read. Done: read since the work began. The
 * queue is shared; only counts about the user's own tracks and artists come out of here.
 */
/**
 * Whether a queued lookup may concern the user: one of the user's tracks, an artist credited on
 * one, or a track of a provisional artist credited on one (see own_artists below). Asked by an
 * index probe into the user's plays per lookup, so only while the queue is short (others' imports
 * can queue thousands); a longer queue answers true and the counts tell.
 */
async function ownWorkMayBeQueued(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ yes: boolean }[]>`
    SELECT CASE
      WHEN ${QUEUED_LOOKUPS_UP_TO_LIMIT} > ${PROBED_QUEUE_LIMIT} THEN true
      ELSE EXISTS (SELECT 1 FROM enrichment_tasks e WHERE ${lookupOfUser(Prisma.sql`e`, userId)})
        OR EXISTS (
             SELECT 1 FROM enrichment_tasks e
             JOIN track_artists ta ON ta.track_id = e.spotify_id AND ta.artist_id LIKE 'local:%'
             JOIN track_artists mine ON mine.artist_id = ta.artist_id
             WHERE e.kind = 'track' AND EXISTS (SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = mine.track_id))
    END AS yes`;
  return row.yes;
}

/**
 * The user's progress, and when their waiting lookups resume (null: some are due now, or none
 * waits); null when no queued lookup concerns the user. The counts read every distinct track of
 * the user's plays (200 ms for a million-play listener), and the queue is shared: most of the time
 * it holds others' work only, which a probe per queued lookup rules out first.
 */
export async function detailsProgress(db: Db, userId: string, now: Date): Promise<{ progress: DetailsProgress; resumesAt: Date | null } | null> {
  if (!(await ownWorkMayBeQueued(db, userId))) return null;
  const [row] = await db.$queryRaw<
    { tracks: bigint; tracks_pending: bigint; artists: bigint; artists_pending: bigint; due: bigint; resumes: Date | null; paused_until: unknown }[]
  >`
    WITH since AS (
      SELECT COALESCE((SELECT max(j.started_at) FROM import_jobs j WHERE j.user_id = u.id), u.created_at) AS at
      FROM users u WHERE u.id = ${userId}
    ),
    own_tracks AS MATERIALIZED (SELECT DISTINCT p.track_id FROM plays p WHERE p.user_id = ${userId}),
    track_work AS MATERIALIZED (
      SELECT t.id, e.spotify_id IS NOT NULL AS pending, e.not_before
      FROM own_tracks o
      JOIN tracks t ON t.id = o.track_id
      LEFT JOIN enrichment_tasks e ON e.kind = 'track' AND e.spotify_id = t.id
      CROSS JOIN since
      WHERE e.spotify_id IS NOT NULL OR t.enriched_at >= since.at
    ),
    own_artists AS MATERIALIZED (
      SELECT a.id, a.details_fetched_at, e.spotify_id IS NOT NULL AS queued, e.not_before,
        e.spotify_id IS NOT NULL
        OR (a.id LIKE 'local:%' AND EXISTS (
          SELECT 1 FROM track_artists ta JOIN enrichment_tasks te ON te.kind = 'track' AND te.spotify_id = ta.track_id
          WHERE ta.artist_id = a.id)) AS pending
      FROM artists a
      LEFT JOIN enrichment_tasks e ON e.kind = 'artist' AND e.spotify_id = a.id
      WHERE a.id IN (SELECT ta.artist_id FROM track_artists ta JOIN own_tracks o ON o.track_id = ta.track_id)
    ),
    artist_work AS (
      SELECT a.pending FROM own_artists a CROSS JOIN since WHERE a.pending OR a.details_fetched_at >= since.at
    ),
    -- The queued lookups of the user's tracks and artists: when none is due, the earliest retry is when work resumes.
    own_tasks AS (
      SELECT not_before FROM track_work WHERE pending
      UNION ALL
      SELECT not_before FROM own_artists WHERE queued
    )
    SELECT (SELECT count(*) FROM track_work) AS tracks,
           (SELECT count(*) FROM track_work WHERE pending) AS tracks_pending,
           (SELECT count(*) FROM artist_work) AS artists,
           (SELECT count(*) FROM artist_work WHERE pending) AS artists_pending,
           (SELECT count(*) FROM own_tasks WHERE not_before IS NULL OR not_before <= ${now}::timestamptz) AS due,
           (SELECT min(not_before) FROM own_tasks WHERE not_before > ${now}::timestamptz) AS resumes,
           (SELECT s.value FROM app_state s WHERE s.key = ${PAUSED_UNTIL_KEY}) AS paused_until`;
  const tracks = Number(row?.tracks ?? 0);
  const artists = Number(row?.artists ?? 0);
  const pending = Number(row?.tracks_pending ?? 0) + Number(row?.artists_pending ?? 0);
  // The whole queue pauses on a long Retry-After; failing that, the user's work waits for its earliest retry when none is due.
  const paused = typeof row?.paused_until === "string" && !Number.isNaN(Date.parse(row.paused_until)) ? new Date(row.paused_until) : null;
  const resumesAt = pending === 0 ? null : paused && paused > now ? paused : Number(row?.due ?? 0) === 0 ? (row?.resumes ?? null) : null;
  return { progress: { tracks, artists, done: tracks + artists - pending, pending }, resumesAt };
}
