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
