import type { Db } from "@/lib/db/client";

/** The snapshot id of the latest stored version of each of the user's playlists. */
export async function latestStoredSnapshots(db: Db, userId: string): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<{ playlist_id: string; snapshot_id: string }[]>`
    SELECT DISTINCT ON (playlist_id) playlist_id, snapshot_id
    FROM playlist_versions WHERE user_id = ${userId}
    ORDER BY playlist_id, collected_at DESC, id DESC`;
  return new Map(rows.map((row) => [row.playlist_id, row.snapshot_id]));
}
