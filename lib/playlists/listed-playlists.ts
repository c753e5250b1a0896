import type { Db } from "@/lib/db/client";
import type { UnreadableReason } from "./store-listing";

export type ListedPlaylistRow = {
  id: string;
  name: string;
  ownerId: string;
  ownerName: string | null;
  imageUrl: string | null;
  collaborative: boolean;
  unreadable: UnreadableReason | null;
  refusedAt: Date | null;
  listedTotal: number;
  /** The latest stored version, if any. */
  version: { id: bigint; snapshotId: string; collectedAt: Date; entryCount: number } | null;
};

type Row = {
  id: string;
  name: string;
  owner_id: string;
  owner_name: string | null;
  image_url: string | null;
  collaborative: boolean;
  unreadable: UnreadableReason | null;
  refused_at: Date | null;
  listed_total: number;
  version_id: bigint | null;
  snapshot_id: string | null;
  collected_at: Date | null;
  entry_count: number | null;
};

/**
 * The user's playlists in their latest listing's order, each with its latest version; or the
 * one playlist `playlistId` if the listing has it. Never another user's: rows are per user.
 */
export async function listedPlaylists(db: Pick<Db, "$queryRaw">, userId: string, playlistId?: string): Promise<ListedPlaylistRow[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT p.playlist_id AS id, p.name, p.owner_id, p.owner_name, p.image_url, p.collaborative, p.unreadable, p.refused_at, p.listed_total,
      v.id AS version_id, v.snapshot_id, v.collected_at, v.entry_count
    FROM playlists p
    LEFT JOIN LATERAL (
      SELECT id, snapshot_id, collected_at, entry_count FROM playlist_versions v
      WHERE v.user_id = p.user_id AND v.playlist_id = p.playlist_id
      ORDER BY collected_at DESC, id DESC LIMIT 1
    ) v ON true
    WHERE p.user_id = ${userId} AND p.list_position IS NOT NULL AND (${playlistId ?? null}::text IS NULL OR p.playlist_id = ${playlistId ?? null}::text)
    ORDER BY p.list_position`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    imageUrl: row.image_url,
    collaborative: row.collaborative,
    unreadable: row.unreadable,
    refusedAt: row.refused_at,
    listedTotal: row.listed_total,
    version:
      row.version_id === null ? null : { id: row.version_id, snapshotId: row.snapshot_id!, collectedAt: row.collected_at!, entryCount: row.entry_count! },
  }));
}
