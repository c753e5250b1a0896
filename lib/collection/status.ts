/**
 * What a signed-in page says about the collection of the user's data while it runs (SPEC §3,
 * §6): reading the user's last plays, then Spotify details for the tracks and artists of those
 * plays. Everything here is about the user's own work: runs that cover them, lookups for their
 * tracks and artists.
 */
import type { Db } from "@/lib/db/client";
import { getEnrichmentState } from "@/lib/enrichment";
import { enrichmentStatus } from "@/lib/ingest/status";
import { activeRunsFor } from "@/lib/collection/active-runs";
import { detailsProgress } from "@/lib/collection/details-progress";
import { IDLE, type CollectionStatus } from "@/lib/collection/types";

export { IDLE, type CollectionStatus };

export async function collectionStatus(db: Db, userId: string, now: Date = new Date()): Promise<CollectionStatus> {
  const [runs, user, queue] = await Promise.all([
    activeRunsFor(db, userId, now),
    db.user.findUnique({ where: { id: userId }, select: { lastIngestedAt: true } }),
    getEnrichmentState(db, now),
  ]);
  if (!user) return IDLE;
  const running = runs.length > 0;
  // The user's plays are stored (and last_ingested_at set) once per run: until then, the oldest
  // run in progress is still reading them.
  const oldestStart = runs.reduce<Date | null>((min, run) => (!min || run.startedAt < min ? run.startedAt : min), null);
  const readingPlays = oldestStart !== null && (user.lastIngestedAt === null || user.lastIngestedAt < oldestStart);
  // The queue is shared: when it is empty nothing can wait for this user (and the per-user counts are not needed).
  const progress = queue.pending > 0 ? await detailsProgress(db, userId) : null;
  const details = progress && progress.pending > 0 ? progress : null;
  const waiting = details ? await enrichmentStatus(db, userId, now) : null;
  return {
    state: readingPlays ? "plays" : details ? "details" : "idle",
    running,
    details,
    resumesAt: waiting?.pausedUntil?.toISOString() ?? null,
  };
}
