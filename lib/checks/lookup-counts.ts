/**
 * What the lookup checks of SPEC §7 count, in one statement of indexed lookups: plays dated
 * after `now` (the (user_id, played_at) index), ingest runs still running since before
 * `stuckBefore`, gaps recorded since `gapsSince`, and the stored tokens (each must decrypt). With
 * a user id, only that user's plays, gaps and tokens.
 */
import type { Db } from "@/lib/db/client";

export type StoredTokens = { userId: string; accessTokenEnc: string; refreshTokenEnc: string };

export type LookupCounts = { futurePlays: number; stuckRuns: number; recentGaps: number; tokens: StoredTokens[] };

export async function readLookupCounts(db: Db, userId: string | null, now: Date, stuckBefore: Date, gapsSince: Date): Promise<LookupCounts> {
  const [row] = await db.$queryRaw<{ future_plays: bigint; stuck_runs: bigint; recent_gaps: bigint; tokens: [string, string, string][] }[]>`
    SELECT
      (SELECT count(*) FROM plays WHERE (${userId}::text IS NULL OR user_id = ${userId}) AND played_at > ${now}::timestamptz) AS future_plays,
      (SELECT count(*) FROM ingest_runs WHERE status = 'running' AND started_at < ${stuckBefore}::timestamptz) AS stuck_runs,
      (SELECT count(*) FROM ingest_run_users
       WHERE gap AND created_at >= ${gapsSince}::timestamptz AND (${userId}::text IS NULL OR user_id = ${userId})) AS recent_gaps,
      (SELECT COALESCE(json_agg(json_build_array(user_id, access_token_enc, refresh_token_enc)), '[]'::json)
       FROM spotify_tokens WHERE ${userId}::text IS NULL OR user_id = ${userId}) AS tokens`;
  return {
    futurePlays: Number(row.future_plays),
    stuckRuns: Number(row.stuck_runs),
    recentGaps: Number(row.recent_gaps),
    tokens: row.tokens.map(([tokenUserId, accessTokenEnc, refreshTokenEnc]) => ({ userId: tokenUserId, accessTokenEnc, refreshTokenEnc })),
  };
}
