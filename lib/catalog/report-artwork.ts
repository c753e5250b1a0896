/**
 * Artwork and track credits for a report's lists, so a dashboard page's server HTML already shows
 * the covers and links every credited artist. Catalogue data only (the ids come from the user's
 * own report), through a figures cache (lib/stats/figures-cache.ts) keyed by the ids: the same
 * report's page asks for the same ids on every request, and changes show within CATALOGUE_TTL_MS.
 */
import type { Db } from "@/lib/db/client";
import type { Report } from "@/lib/stats/types";
import { figuresCache } from "@/lib/stats/figures-cache";
import { trackCredits, type TrackCredits } from "@/lib/catalog/track-credits";
import { catalogueImagesOf, type ImageMap } from "@/lib/catalog/images";

export type ReportArtwork = {
  artists: ImageMap;
  albums: ImageMap;
  tracks: ImageMap;
  ids: { artists: string[]; albums: string[]; tracks: string[] };
  /** The listed tracks' credited artists, so their names link to artist pages from the first view. */
  credits: TrackCredits;
};

/** Artwork of this many distinct reports kept per process. */
export const ARTWORK_CACHE_SIZE = 64;

const artwork = figuresCache<ReportArtwork>("report-artwork", ARTWORK_CACHE_SIZE);

/** The covers, portraits and track credits of the report's top artists, tracks and albums and its album completion's albums. */
export function getReportArtwork(db: Db, userId: string, report: Report): Promise<ReportArtwork> {
  const ids = {
    artists: report.topArtists.map((item) => item.id),
    albums: [...new Set([...report.topAlbums.map((item) => item.id), ...report.albumCompletion.albums.map((item) => item.id)])],
    tracks: report.topTracks.map((item) => item.id),
  };
  return artwork.get(db, userId, [ids.artists, ids.albums, ids.tracks], async () => {
    const [{ artists, albums, tracks }, credits] = await Promise.all([catalogueImagesOf(db, ids), trackCredits(db, ids.tracks)]);
    return { artists, albums, tracks, ids, credits };
  });
}
