/**
 * The data-quality checks of SPEC §7, each a named pass/fail with a count. Gaps are
 * information, never a failure. With `userId`, only that user's data is looked at (status page).
 */
import type { Db } from "@/lib/db/client";
import { decryptToken } from "@/lib/crypto/token-cipher";

export type CheckResult = { name: string; description: string; ok: boolean; count: number; informational?: boolean };

const MAX_MS_PLAYED = 24 * 3600 * 1000;

async function countOf(query: Promise<{ count: bigint | number }[]>): Promise<number> {
  const [row] = await query;
  return Number(row?.count ?? 0);
}

export async function runChecks(db: Db, options: { userId?: string; now?: Date } = {}): Promise<CheckResult[]> {
  const now = options.now ?? new Date();
  const userId = options.userId ?? null;
  // A duplicate is a play with an earlier one of the same track within 10 s: a pair counts once.
  const duplicates = await countOf(db.$queryRaw`
    SELECT count(*) AS count FROM plays a
    WHERE (${userId}::text IS NULL OR a.user_id = ${userId})
      AND EXISTS (SELECT 1 FROM plays b WHERE b.user_id = a.user_id AND b.track_id = a.track_id
                  AND b.played_at BETWEEN a.played_at - interval '10 seconds' AND a.played_at
                  AND (b.played_at < a.played_at OR b.id < a.id))`);
  const future = await countOf(db.$queryRaw`
    SELECT count(*) AS count FROM plays WHERE (${userId}::text IS NULL OR user_id = ${userId}) AND played_at > ${now}::timestamptz`);
  const orphans = await countOf(db.$queryRaw`
    SELECT count(*) AS count FROM plays p
    LEFT JOIN tracks t ON t.id = p.track_id
    LEFT JOIN albums al ON al.id = t.album_id
    WHERE (${userId}::text IS NULL OR p.user_id = ${userId})
      AND (t.id IS NULL OR (t.album_id IS NOT NULL AND al.id IS NULL)
           OR NOT EXISTS (SELECT 1 FROM track_artists ta JOIN artists ar ON ar.id = ta.artist_id WHERE ta.track_id = p.track_id))`);
  const badMs = await countOf(db.$queryRaw`
    SELECT count(*) AS count FROM plays WHERE (${userId}::text IS NULL OR user_id = ${userId})
      AND ms_played IS NOT NULL AND (ms_played < 0 OR ms_played > ${MAX_MS_PLAYED})`);
  const tokens = await db.spotifyToken.findMany({ where: userId ? { userId } : {}, select: { userId: true, accessTokenEnc: true, refreshTokenEnc: true } });
  const unreadable = tokens.filter((token) => {
    try {
      decryptToken(token.accessTokenEnc, token.userId);
      decryptToken(token.refreshTokenEnc, token.userId);
      return false;
    } catch {
      return true;
    }
  }).length;
  const stuck = await db.ingestRun.count({ where: { status: "running", startedAt: { lt: new Date(now.getTime() - 3600_000) } } });
  const gaps = await db.ingestRunUser.count({ where: { gap: true, createdAt: { gte: new Date(now.getTime() - 7 * 86_400_000) }, ...(userId ? { userId } : {}) } });

  return [
    { name: "no_duplicate_plays", description: "No two plays of the same user and track within 10 seconds", ok: duplicates === 0, count: duplicates },
    { name: "no_future_plays", description: "No play dated in the future", ok: future === 0, count: future },
    { name: "references_exist", description: "Every play's track, album and credited artists exist", ok: orphans === 0, count: orphans },
    { name: "ms_played_in_range", description: "msPlayed within [0, 24 h]", ok: badMs === 0, count: badMs },
    { name: "tokens_readable", description: "Every stored Spotify token decrypts", ok: unreadable === 0, count: unreadable },
    { name: "no_stuck_runs", description: "No ingest run left running for over an hour", ok: stuck === 0, count: stuck },
    { name: "recent_gaps", description: "Gaps recorded in the last 7 days (information: an export import fills them)", ok: true, count: gaps, informational: true },
  ];
}
