/**
 * The artist page's figures (lib/stats/artistReport.ts) with the artwork of its top tracks and
 * albums, and its "played this artist?" check, through figures caches
 * (lib/stats/figures-cache.ts): the page's statements run once per data version, not once per
 * request.
 *
 * The key: the report is a function of the artist, the range (`from`, `to`: `now` only resolves
 * them), the time zone and `limit`, of the user's plays and rollups (the data version, added by
 * the cache) and of the catalogue (names, credits, images: CATALOGUE_TTL_MS); the check, of the
 * artist, the user's plays and the catalogue. Whether the user follows the artist is in neither:
 * the page reads it with the session on every request. `report.user` is as of the computation
 * (the page does not show it).
 */
import type { Db } from "@/lib/db/client";
import { catalogueImagesOf, type ImageMap } from "@/lib/catalog/images";
import { getArtistReport, playedArtist, type ArtistReport, type ArtistRow } from "@/lib/stats/artistReport";
import { figuresCache } from "@/lib/stats/figures-cache";
import type { StatsFilter } from "@/lib/stats/types";

export type ArtistFigures = { report: ArtistReport; artwork: { tracks: ImageMap; albums: ImageMap } };

/** Artist pages kept per process (all time, ten tracks and albums: ~20 KB each). */
export const ARTIST_CACHE_SIZE = 64;

const figures = figuresCache<ArtistFigures | null>("artist", ARTIST_CACHE_SIZE);
const played = figuresCache<ArtistRow | null>("played-artist", ARTIST_CACHE_SIZE);

/** Counters for tests (process-wide). */
export const artistCacheStats = figures.stats;

/** Forgets every cached artist page (tests). */
export function clearArtistCache(): void {
  figures.clear();
  played.clear();
}

/** playedArtist (the page's 404 check, and its header) through the cache: a function of the user's plays and the catalogue. */
export function getCachedPlayedArtist(db: Db, userId: string, artistId: string): Promise<ArtistRow | null> {
  return played.get(db, userId, [artistId], () => playedArtist(db, userId, artistId));
}

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
