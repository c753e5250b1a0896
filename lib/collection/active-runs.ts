import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { STALE_RUN_MS } from "@/lib/ingest/run";

/** An ingestion run in progress that collects the user's plays. */
export type ActiveRun = {
  id: string;
  trigger: string;
  startedAt: Date;
  /** Limited to named users (a sign-in's first collection), not a run over every connected user. */
  limited: boolean;
};

/**
 * Runs still going that cover the user, newest first: those limited to the user, and runs over
 * every connected user while the user is connected. A run "running" for longer than a run can
 * take was killed (lib/ingest/run.ts marks it failed later) and is not counted.
 */
export async function activeRunsFor(db: Db, userId: string, now: Date): Promise<ActiveRun[]> {
  return db.$queryRaw<ActiveRun[]>`
    SELECT r.id, r.trigger, r.started_at AS "startedAt", cardinality(r.user_ids) > 0 AS limited
    FROM ingest_runs r JOIN users u ON u.id = ${userId}
    WHERE ${coversUser(now)}
    ORDER BY r.started_at DESC, r.id`;
}

/** Run `r` is in progress and covers user `u` (see activeRunsFor). */
export function coversUser(now: Date): Prisma.Sql {
  return Prisma.sql`r.status = 'running' AND r.started_at > ${new Date(now.getTime() - STALE_RUN_MS)}::timestamptz
    AND (u.id = ANY(r.user_ids)
         OR (cardinality(r.user_ids) = 0 AND NOT u.needs_reauth AND EXISTS (SELECT 1 FROM spotify_tokens t WHERE t.user_id = u.id)))`;
}
