import { getDb } from "@/lib/db/client";
import type { Report } from "@/lib/stats/types";
import { trackCredits, type TrackCredits } from "@/lib/catalog/track-credits";
import { catalogueImagesOf, type ImageMap } from "@/lib/catalog/images";

export type InitialArtwork = {
  artists: ImageMap;
  albums: ImageMap;
  tracks: ImageMap;
  ids: { artists: string[]; albums: string[]; tracks: string[] };
  /** The listed tracks' credited artists, so their names link to artist pages from the first view. */
  credits: TrackCredits;
};

/** Artwork (and track credits) for the first view's lists, so the server HTML already shows them. */
export async function loadInitialArtwork(report: Report): Promise<InitialArtwork> {
  const ids = {
    artists: report.topArtists.map((item) => item.id),
    albums: [...new Set([...report.topAlbums.map((item) => item.id), ...report.albumCompletion.albums.map((item) => item.id)])],
    tracks: report.topTracks.map((item) => item.id),
  };
  const [{ artists, albums, tracks }, credits] = await Promise.all([catalogueImagesOf(getDb(), ids), trackCredits(getDb(), ids.tracks)]);
  return { artists, albums, tracks, ids, credits };
}
