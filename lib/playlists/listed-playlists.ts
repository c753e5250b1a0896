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
  /** How many playlists the user's latest listing has, on every page (with `playlistId`: 1). */
  listedCount: number;
  /** The latest stored version, if any. */
  version: { id: bigint; snapshotId: string; collectedAt: Date; entryCount: number } | null;
};

/** The columns of a row, in order (instants as epoch ms). */
type Row = [
  id: string,
  name: string,
  ownerId: string,
  ownerName: string | null,
  imageUrl: string | null,
  collaborative: boolean,
  unreadable: UnreadableReason | null,
  refusedAt: number | null,
  listedTotal: number,
  listedCount: number,
  versionId: string | null,
  snapshotId: string | null,
  collectedAt: number | null,
  entryCount: number | null,
];

/** A slice of the listing: `limit` playlists after the first `offset`. */
export type ListingPage = { offset: number; limit: number };

/**
 * The user's playlists in their latest listing's order (all, or one page of them), each with its
 * latest version; or the one playlist `playlistId` if the listing has it. Never another user's:
 * rows are per user. One JSON cell: far cheaper for the client than rows of fourteen columns.
 */
export async function listedPlaylists(db: Pick<Db, "$queryRaw">, userId: string, playlistId?: string, page?: ListingPage): Promise<ListedPlaylistRow[]> {
  const [{ result }] = await db.$queryRaw<{ result: string | null }[]>`
    WITH listed AS (
      SELECT p.*, count(*) OVER () AS listed_count FROM playlists p
      WHERE p.user_id = ${userId} AND p.list_position IS NOT NULL AND (${playlistId ?? null}::text IS NULL OR p.playlist_id = ${playlistId ?? null}::text)
      ORDER BY p.list_position
      LIMIT ${page?.limit ?? null}::int OFFSET ${page?.offset ?? 0}::int
    )
    SELECT json_agg(json_build_array(p.playlist_id, p.name, p.owner_id, p.owner_name, p.image_url, p.collaborative, p.unreadable,
      (extract(epoch FROM p.refused_at) * 1000)::bigint, p.listed_total, p.listed_count,
      v.id::text, v.snapshot_id, (extract(epoch FROM v.collected_at) * 1000)::bigint, v.entry_count) ORDER BY p.list_position)::text AS result
    FROM listed p
    LEFT JOIN LATERAL (
      SELECT id, snapshot_id, collected_at, entry_count FROM playlist_versions v
      WHERE v.user_id = p.user_id AND v.playlist_id = p.playlist_id
      ORDER BY collected_at DESC, id DESC LIMIT 1
    ) v ON true`;
  const rows = (result === null ? [] : JSON.parse(result)) as Row[];
  return rows.map(([id, name, ownerId, ownerName, imageUrl, collaborative, unreadable, refusedAt, listedTotal, listedCount, versionId, snapshotId, collectedAt, entryCount]) => ({
    id,
    name,
    ownerId,
    ownerName,
    imageUrl,
    collaborative,
    unreadable,
    refusedAt: refusedAt === null ? null : new Date(refusedAt),
    listedTotal,
    listedCount,
    version: versionId === null ? null : { id: BigInt(versionId), snapshotId: snapshotId!, collectedAt: new Date(collectedAt!), entryCount: entryCount! },
  }));
}
