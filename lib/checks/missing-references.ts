/**
 * SPEC §7 "every play's track/album/artists exist": plays whose track is missing, whose track
 * names an album that is missing, or whose track credits no existing artist. Plays are counted
 * per track first (one walk of the (user_id, track_id, ...) index), so the catalogue is joined
 * once per distinct track rather than once per play.
 */
import type { Db } from "@/lib/db/client";

export async function countPlaysWithMissingReferences(db: Db, userId: string | null): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint | null }[]>`
    SELECT sum(p.plays) AS count
    FROM (SELECT track_id, count(*) AS plays FROM plays
          WHERE (${userId}::text IS NULL OR user_id = ${userId})
          GROUP BY track_id) p
    LEFT JOIN tracks t ON t.id = p.track_id
    LEFT JOIN albums al ON al.id = t.album_id
    WHERE t.id IS NULL OR (t.album_id IS NOT NULL AND al.id IS NULL)
       OR NOT EXISTS (SELECT 1 FROM track_artists ta JOIN artists ar ON ar.id = ta.artist_id WHERE ta.track_id = p.track_id)`;
  return Number(row?.count ?? 0);
}
