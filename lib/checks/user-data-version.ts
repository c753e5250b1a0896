/**
 * A cheap fingerprint of one user's plays, in one query of single-row index lookups: the same
 * signals lib/stats/report-cache.ts keys its reports on (see its INVARIANT). Every write of a
 * user's plays refreshes their rollups in the same transaction, which rewrites their
 * `stats_rollup_state` row (a new `xmin`); the newest play and the newest ingest outcome are in
 * it as well, the latter because a collection run also changes the catalogue the plays point to.
 * Null when the user does not exist.
 */
import type { Db } from "@/lib/db/client";

export async function readUserDataVersion(db: Db, userId: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ version: string }[]>`
    SELECT concat_ws('|',
             coalesce(s.xmin::text || '@' || (extract(epoch FROM s.refreshed_at) * 1000)::bigint::text, 'none'),
             coalesce((SELECT (extract(epoch FROM max(p.played_at)) * 1000)::bigint::text FROM plays p WHERE p.user_id = u.id), 'none'),
             coalesce((SELECT (extract(epoch FROM max(r.created_at)) * 1000)::bigint::text FROM ingest_run_users r WHERE r.user_id = u.id), 'none')) AS version
    FROM users u LEFT JOIN stats_rollup_state s ON s.user_id = u.id
    WHERE u.id = ${userId}`;
  return rows[0]?.version ?? null;
}
