/**
 * What a signed-in page says about the collection of the user's data while it runs (SPEC §3,
 * §6): reading the user's last plays, then Spotify details for the tracks and artists of those
 * plays. Everything here is about the user's own work: runs that cover them, lookups for their
 * tracks and artists.
 */
import type { Db } from "@/lib/db/client";
import { collectionFacts, type CollectionFacts } from "@/lib/collection/collection-facts";
import { detailsProgress } from "@/lib/collection/details-progress";
import { IDLE, type CollectionStatus } from "@/lib/collection/types";

export { IDLE, type CollectionStatus };

export async function collectionStatus(db: Db, userId: string, now: Date = new Date()): Promise<CollectionStatus> {
  return collectionStatusOf(db, userId, await collectionFacts(db, userId, now), now);
}

/** The status from facts already read (a page's shell reads them with the signed-in user); null facts: an unknown user. */
export async function collectionStatusOf(db: Db, userId: string, facts: CollectionFacts | null, now: Date): Promise<CollectionStatus> {
  if (!facts) return IDLE;
  const { oldestRunStart, lastIngestedAt } = facts;
  // The user's plays are stored (and last_ingested_at set) once per run: until then, the oldest
  // run in progress is still reading them.
  const readingPlays = oldestRunStart !== null && (lastIngestedAt === null || lastIngestedAt < oldestRunStart);
  // The queue is shared: when it is empty nothing can wait for this user (and the per-user counts are not needed).
  const work = facts.queuePending ? await detailsProgress(db, userId, now) : null;
  const details = work && work.progress.pending > 0 ? work.progress : null;
  return {
    state: readingPlays ? "plays" : details ? "details" : "idle",
    running: oldestRunStart !== null,
    details,
    resumesAt: details ? (work?.resumesAt?.toISOString() ?? null) : null,
  };
}
