/**
 * Storing one recently-played response: its tracks, albums and credited artists, its plays
 * (one statement for the whole response, ON CONFLICT on (user, track, played_at) so overlapping
 * runs store each play once), and the user's cursor, all in one transaction. The cursor only
 * moves forward (GREATEST), so a slower concurrent run can never move it back.
 */
import type { Db } from "@/lib/db/client";
import { upsertCatalog } from "@/lib/catalog";
import type { SpotifyPlayHistoryItem } from "@/lib/spotify";
import { refreshRollups } from "@/lib/stats/rollups";

export type StoredResponse = { inserted: number; newestPlayedAt: Date | null };

export async function storeRecentlyPlayed(db: Db, userId: string, items: SpotifyPlayHistoryItem[], now: Date): Promise<StoredResponse> {
  const newest = items.reduce<Date | null>((max, item) => {
    const at = new Date(item.played_at);
    return !max || at > max ? at : max;
  }, null);
  const oldest = items.reduce<Date | null>((min, item) => {
    const at = new Date(item.played_at);
    return !min || at < min ? at : min;
  }, null);
  return db.$transaction(
    async (tx) => {
      await upsertCatalog(
        tx,
        items.map((item) => item.track),
        now,
      );
      const inserted = items.length
        ? await tx.$executeRaw`
            INSERT INTO plays (user_id, track_id, played_at, source)
            SELECT ${userId}, track_id, played_at, 'recently_played'::play_source
            FROM unnest(${items.map((item) => item.track.id)}::text[], ${items.map((item) => new Date(item.played_at))}::timestamptz[]) AS u(track_id, played_at)
            -- The same play imported from the data export carries a slightly different time (SPEC §4's 10 s rule).
            WHERE NOT EXISTS (
              SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = u.track_id
                AND p.played_at BETWEEN u.played_at - interval '10 seconds' AND u.played_at + interval '10 seconds')
            ON CONFLICT (user_id, track_id, played_at) DO NOTHING`
        : 0;
      await tx.$executeRaw`
        UPDATE users SET ingest_cursor = GREATEST(ingest_cursor, ${newest}::timestamptz), last_ingested_at = ${now}, updated_at = ${now}
        WHERE id = ${userId}`;
      if (inserted > 0) await refreshRollups(tx, userId, oldest, new Date(newest!.getTime() + 1));
      return { inserted, newestPlayedAt: newest };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
