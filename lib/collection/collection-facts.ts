import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { coversUser } from "@/lib/collection/active-runs";
import { ROLLUP_MARKER } from "@/lib/enrichment/queue";

/** What every signed-in page's status line starts from (lib/collection/status.ts). */
export type CollectionFacts = {
  /** When the user's plays were last stored. */
  lastIngestedAt: Date | null;
  /** The start of the oldest run in progress that covers the user; null when none does. */
  oldestRunStart: Date | null;
  /** The shared enrichment queue holds a lookup (of anyone's): only then can the user's details wait. */
  queuePending: boolean;
};

/**
 * The facts as columns of a statement over `users u` (lib/auth/session.ts reads them with the
 * signed-in user, in the one statement every page's layout makes); the queue's size is not
 * counted, only whether it is empty.
 */
export function collectionFactsColumns(now: Date): Prisma.Sql {
  return Prisma.sql`u.last_ingested_at AS "lastIngestedAt",
    (SELECT min(r.started_at) FROM ingest_runs r WHERE ${coversUser(now)}) AS "oldestRunStart",
    EXISTS (SELECT 1 FROM enrichment_tasks e WHERE e.kind <> ${ROLLUP_MARKER}) AS "queuePending"`;
}

/** The facts alone, in one statement (the status endpoint's polls); null for an unknown user. */
export async function collectionFacts(db: Db, userId: string, now: Date): Promise<CollectionFacts | null> {
  const rows = await db.$queryRaw<CollectionFacts[]>`SELECT ${collectionFactsColumns(now)} FROM users u WHERE u.id = ${userId}`;
  return rows[0] ?? null;
}
