/** Artwork URLs of catalogue rows (artist portraits, album covers; a track shows its album's cover). */
import type { Db } from "@/lib/db/client";

export type ImageKind = "artist" | "album" | "track";
export type ImageMap = Record<string, string>;

export async function catalogueImages(db: Db, kind: ImageKind, ids: string[]): Promise<ImageMap> {
  if (ids.length === 0) return {};
  const rows =
    kind === "artist"
      ? await db.artist.findMany({ where: { id: { in: ids }, imageUrl: { not: null } }, select: { id: true, imageUrl: true } })
      : kind === "album"
        ? await db.album.findMany({ where: { id: { in: ids }, imageUrl: { not: null } }, select: { id: true, imageUrl: true } })
        : (await db.track.findMany({ where: { id: { in: ids } }, select: { id: true, album: { select: { imageUrl: true } } } })).map((row) => ({
            id: row.id,
            imageUrl: row.album?.imageUrl ?? null,
          }));
  return Object.fromEntries(rows.filter((row) => row.imageUrl).map((row) => [row.id, row.imageUrl as string]));
}

export type ImageIds = { artists: string[]; albums: string[]; tracks: string[] };
export type ImageMaps = { artists: ImageMap; albums: ImageMap; tracks: ImageMap };

/** Artwork of several kinds in one query (a dashboard page's first view). */
export async function catalogueImagesOf(db: Db, ids: ImageIds): Promise<ImageMaps> {
  const maps: ImageMaps = { artists: {}, albums: {}, tracks: {} };
  if (ids.artists.length + ids.albums.length + ids.tracks.length === 0) return maps;
  const rows = await db.$queryRaw<{ kind: "artists" | "albums" | "tracks"; id: string; image_url: string }[]>`
    SELECT 'artists' AS kind, a.id, a.image_url FROM artists a WHERE a.id = ANY(${ids.artists}::text[]) AND a.image_url IS NOT NULL
    UNION ALL
    SELECT 'albums', al.id, al.image_url FROM albums al WHERE al.id = ANY(${ids.albums}::text[]) AND al.image_url IS NOT NULL
    UNION ALL
    SELECT 'tracks', t.id, al.image_url FROM tracks t JOIN albums al ON al.id = t.album_id WHERE t.id = ANY(${ids.tracks}::text[]) AND al.image_url IS NOT NULL`;
  for (const row of rows) if (row.image_url) maps[row.kind][row.id] = row.image_url;
  return maps;
}
