import { getDb } from "@/lib/db/client";
import type { Report } from "@/lib/stats/types";
import { catalogueImagesOf, type ImageMap } from "@/app/api/stats/images/catalogue-images";

export type InitialArtwork = { artists: ImageMap; albums: ImageMap; tracks: ImageMap; ids: { artists: string[]; albums: string[]; tracks: string[] } };

/** Artwork for the first view's lists, so the server HTML already shows it (one query for all kinds). */
export async function loadInitialArtwork(report: Report): Promise<InitialArtwork> {
  const ids = {
    artists: report.topArtists.map((item) => item.id),
    albums: [...new Set([...report.topAlbums.map((item) => item.id), ...report.albumCompletion.albums.map((item) => item.id)])],
    tracks: report.topTracks.map((item) => item.id),
  };
  const { artists, albums, tracks } = await catalogueImagesOf(getDb(), ids);
  return { artists, albums, tracks, ids };
}
