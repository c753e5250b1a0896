import type { Db } from "@/lib/db/client";
import { PAUSED_UNTIL_KEY } from "@/lib/enrichment";
import { STALE_RUN_MS } from "@/lib/ingest/run";

/**
 * Whether a run started now would read Spotify details that wait: lookups due in the enrichment
 * queue, a connected user whose token can ask, no run already at work, and no Retry-After pause.
 * The demo runs an extra round when it is true (its simulator has no quota to protect).
 */
export async function detailsWaitingForRun(db: Db, now: Date): Promise<boolean> {
  const [row] = await db.$queryRaw<{ connected: boolean; due: boolean; running: boolean; paused_until: unknown }[]>`
    SELECT
      EXISTS (SELECT 1 FROM users u JOIN spotify_tokens t ON t.user_id = u.id WHERE NOT u.needs_reauth) AS connected,
      EXISTS (SELECT 1 FROM enrichment_tasks e WHERE e.kind IN ('track', 'artist') AND (e.not_before IS NULL OR e.not_before <= ${now}::timestamptz)) AS due,
      EXISTS (SELECT 1 FROM ingest_runs r WHERE r.status = 'running' AND r.started_at > ${new Date(now.getTime() - STALE_RUN_MS)}::timestamptz) AS running,
      (SELECT s.value FROM app_state s WHERE s.key = ${PAUSED_UNTIL_KEY}) AS paused_until`;
  if (!row || !row.connected || !row.due || row.running) return false;
  const pausedUntil = typeof row.paused_until === "string" ? Date.parse(row.paused_until) : Number.NaN;
  return Number.isNaN(pausedUntil) || pausedUntil <= now.getTime();
}
