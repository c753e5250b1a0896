import type { Db } from "@/lib/db/client";
import type { PlaylistEntryKind } from "./read-spotify";

export type VersionEntry = {
  versionId: bigint;
  position: number;
  trackId: string | null;
  kind: PlaylistEntryKind;
  addedAt: Date | null;
  /** The catalogue's name for tracks; the item's own for local files and episodes. */
  name: string | null;
  /** Credited artists in order (tracks); the item's artists or show (the others). */
  artists: string[];
  albumImageUrl: string | null;
};

type Row = {
  version_id: bigint;
  position: number;
  track_id: string | null;
  kind: PlaylistEntryKind;
  added_at: Date | null;
  name: string | null;
  artists: string[] | null;
  image_url: string | null;
};

/** The entries of these versions in playlist order, with their tracks' names and artists. */
export async function versionEntries(db: Pick<Db, "$queryRaw">, versionIds: bigint[]): Promise<VersionEntry[]> {
  if (versionIds.length === 0) return [];
  const rows = await db.$queryRaw<Row[]>`
    SELECT e.version_id, e.position, e.track_id, e.kind, e.added_at, COALESCE(t.name, e.name) AS name,
      CASE WHEN e.track_id IS NULL THEN e.artists
        ELSE COALESCE((SELECT array_agg(a.name ORDER BY ta.position) FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = e.track_id), '{}')
      END AS artists,
      al.image_url
    FROM playlist_entries e
    LEFT JOIN tracks t ON t.id = e.track_id
    LEFT JOIN albums al ON al.id = t.album_id
    WHERE e.version_id = ANY(${versionIds.map(String)}::bigint[])
    ORDER BY e.version_id, e.position`;
  return rows.map((row) => ({
    versionId: row.version_id,
    position: row.position,
    trackId: row.track_id,
    kind: row.kind,
    addedAt: row.added_at,
    name: row.name,
    artists: row.artists ?? [],
    albumImageUrl: row.image_url,
  }));
}
