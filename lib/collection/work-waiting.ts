import type { Db } from "@/lib/db/client";
import { PAUSED_UNTIL_KEY } from "@/lib/enrichment";
import { STALE_RUN_MS } from "@/lib/ingest/run";

/** What a run started now would read that waits for it, for the demo's log. */
export type WaitingWork = "Spotify details" | "playlists";

/**
 * A playlist collection cut short waits this long before an extra run tries again: a run's
 * budget cut resumes at once in effect, and a fault that recurs does not make runs back-to-back.
 */
export const PLAYLIST_RETRY_MS = 10_000;

/**
 * What a run started now would read that waits for it, or null: lookups due in the enrichment
 * queue, or playlists of a connected user never collected completely (a run's budget went to
 * the details first: SPEC §3's order); only when a connected user's token can ask, no run is
 * already at work, and no Retry-After pause holds. The demo runs an extra round when it is not
 * null (its simulator has no quota to protect), so a new listener's figures and playlists fill
 * in within a minute instead of at the next round.
 */
export async function workWaitingForRun(db: Db, now: Date): Promise<WaitingWork | null> {
  const [row] = await db.$queryRaw<{ connected: boolean; details: boolean; playlists: boolean; running: boolean; paused_until: unknown }[]>`
    SELECT
      EXISTS (SELECT 1 FROM users u JOIN spotify_tokens t ON t.user_id = u.id WHERE NOT u.needs_reauth) AS connected,
      EXISTS (SELECT 1 FROM enrichment_tasks e WHERE e.kind IN ('track', 'artist') AND (e.not_before IS NULL OR e.not_before <= ${now}::timestamptz)) AS details,
      EXISTS (
        SELECT 1 FROM users u JOIN spotify_tokens t ON t.user_id = u.id
        LEFT JOIN playlist_collections c ON c.user_id = u.id
        WHERE NOT u.needs_reauth AND c.collected_at IS NULL
          AND (c.attempted_at IS NULL OR c.attempted_at <= ${new Date(now.getTime() - PLAYLIST_RETRY_MS)}::timestamptz)
      ) AS playlists,
      EXISTS (SELECT 1 FROM ingest_runs r WHERE r.status = 'running' AND r.started_at > ${new Date(now.getTime() - STALE_RUN_MS)}::timestamptz) AS running,
      (SELECT s.value FROM app_state s WHERE s.key = ${PAUSED_UNTIL_KEY}) AS paused_until`;
  if (!row || !row.connected || row.running || !(row.details || row.playlists)) return null;
  const pausedUntil = typeof row.paused_until === "string" ? Date.parse(row.paused_until) : Number.NaN;
  if (!Number.isNaN(pausedUntil) && pausedUntil > now.getTime()) return null;
  return row.details ? "Spotify details" : "playlists";
}
