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

/** [version id, position, track id, kind, added_at (epoch ms), name, artists, image url] */
type Row = [versionId: string, position: number, trackId: string | null, kind: PlaylistEntryKind, addedAt: number | null, name: string | null, artists: string[] | null, imageUrl: string | null];

/**
 * The entries of these versions in playlist order, with their tracks' names and artists. One JSON
 * cell (instants as epoch ms): a hundred rows of eight columns cost the client far more as rows.
 */
export async function versionEntries(db: Pick<Db, "$queryRaw">, versionIds: bigint[]): Promise<VersionEntry[]> {
  if (versionIds.length === 0) return [];
  const [{ result }] = await db.$queryRaw<{ result: string | null }[]>`
    SELECT json_agg(json_build_array(
        e.version_id::text, e.position, e.track_id, e.kind, (extract(epoch FROM e.added_at) * 1000)::bigint, COALESCE(t.name, e.name),
        CASE WHEN e.track_id IS NULL THEN e.artists
          ELSE COALESCE((SELECT array_agg(a.name ORDER BY ta.position) FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = e.track_id), '{}')
        END,
        al.image_url
      ) ORDER BY e.version_id, e.position)::text AS result
    FROM playlist_entries e
    LEFT JOIN tracks t ON t.id = e.track_id
    LEFT JOIN albums al ON al.id = t.album_id
    WHERE e.version_id = ANY(${versionIds.map(String)}::bigint[])`;
  return ((result === null ? [] : JSON.parse(result)) as Row[]).map(([versionId, position, trackId, kind, addedAt, name, artists, imageUrl]) => ({
    versionId: BigInt(versionId),
    position,
    trackId,
    kind,
    addedAt: addedAt === null ? null : new Date(addedAt),
    name,
    artists: artists ?? [],
    albumImageUrl: imageUrl,
  }));
}
