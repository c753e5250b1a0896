/**
 * The artist page's figures (lib/stats/artistReport.ts) with the artwork of its top tracks and
 * albums, through a figures cache (lib/stats/figures-cache.ts): the page's statements but the
 * "played this artist?" check run once per data version, not once per request.
 *
 * The key: the report is a function of the artist, the range (`from`, `to`: `now` only resolves
 * them), the time zone and `limit`, of the user's plays and rollups (the data version, added by
 * the cache) and of the catalogue (names, credits, images: CATALOGUE_TTL_MS). Whether the user
 * follows the artist is not part of it: the page reads that on every request. `report.user` is as
 * of the computation (the page does not show it).
 */
import type { Db } from "@/lib/db/client";
import { catalogueImagesOf, type ImageMap } from "@/lib/catalog/images";
import { getArtistReport, type ArtistReport } from "@/lib/stats/artistReport";
import { figuresCache } from "@/lib/stats/figures-cache";
import type { StatsFilter } from "@/lib/stats/types";

export type ArtistFigures = { report: ArtistReport; artwork: { tracks: ImageMap; albums: ImageMap } };

/** Artist pages kept per process (all time, ten tracks and albums: ~20 KB each). */
export const ARTIST_CACHE_SIZE = 64;

const figures = figuresCache<ArtistFigures | null>("artist", ARTIST_CACHE_SIZE);

/** Counters for tests (process-wide). */
export const artistCacheStats = figures.stats;

/** Forgets every cached artist page (tests). */
export const clearArtistCache = figures.clear;

async function artistFigures(db: Db, filter: StatsFilter, artistId: string): Promise<ArtistFigures | null> {
  const report = await getArtistReport(db, filter, artistId);
  if (!report) return null;
  const images = await catalogueImagesOf(db, { artists: [], albums: report.topAlbums.map((item) => item.id), tracks: report.topTracks.map((item) => item.id) });
  return { report, artwork: { tracks: images.tracks, albums: images.albums } };
}

/** The artist's figures for the filter with their artwork, or null when the user has no play of the artist (see the module comment). */
export function getCachedArtistFigures(db: Db, filter: StatsFilter, artistId: string): Promise<ArtistFigures | null> {
  const key = [artistId, filter.from?.getTime() ?? null, filter.to?.getTime() ?? null, filter.timeZone, filter.limit];
  return figures.get(db, filter.userId, key, () => artistFigures(db, filter, artistId));
}
