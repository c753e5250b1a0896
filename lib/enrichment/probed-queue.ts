/**
 * Questions about one user's share of the shared enrichment queue. Up to PROBED_QUEUE_LIMIT
 * queued lookups (tracks and artists), each is probed for in the user's plays (an index lookup
 * apiece); beyond it, callers read the user's distinct tracks instead (a pass over all of the
 * user's plays). Others' imports can queue thousands of lookups; most of the time the queue is
 * short and holds others' work.
 */
import { Prisma } from "@/lib/db/generated/client";

export const PROBED_QUEUE_LIMIT = 5000;

/** How many lookups are queued, counted up to one more than the limit (a scalar subquery). */
export const QUEUED_LOOKUPS_UP_TO_LIMIT = Prisma.sql`(
  SELECT count(*) FROM (SELECT 1 FROM enrichment_tasks q WHERE q.kind IN ('track', 'artist') LIMIT ${PROBED_QUEUE_LIMIT + 1}) queued)`;

/** Whether the queued lookup `task` (an alias of enrichment_tasks) is of a track the user played or of an artist credited on one. */
export function lookupOfUser(task: Prisma.Sql, userId: string): Prisma.Sql {
  return Prisma.sql`(
    (${task}.kind = 'track' AND EXISTS (SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = ${task}.spotify_id))
    OR (${task}.kind = 'artist' AND EXISTS (
      SELECT 1 FROM track_artists ta WHERE ta.artist_id = ${task}.spotify_id
        AND EXISTS (SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = ta.track_id))))`;
}
