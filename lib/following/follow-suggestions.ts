/**
 * What the following page suggests to a listener who follows nobody yet: the range's top artists
 * with their portraits, through a figures cache (lib/stats/figures-cache.ts). The key is the range
 * (`from`, `to`), the time zone and `limit` (top artists do not depend on `now` otherwise); the
 * cache adds the user's data version, and names and portraits show within CATALOGUE_TTL_MS.
 */
import type { Db } from "@/lib/db/client";
import { catalogueImagesOf, type ImageMap } from "@/lib/catalog/images";
import { figuresCache } from "@/lib/stats/figures-cache";
import { getTopArtists } from "@/lib/stats/topArtists";
import type { RankedArtist, StatsFilter } from "@/lib/stats/types";

export type FollowSuggestions = { artists: RankedArtist[]; images: ImageMap };

const suggestions = figuresCache<FollowSuggestions>("follow-suggestions", 32);

/** Counters for tests (process-wide). */
export const followSuggestionsCacheStats = suggestions.stats;

/** Forgets every cached suggestion (tests). */
export const clearFollowSuggestionsCache = suggestions.clear;

async function topArtistsWithPortraits(db: Db, filter: StatsFilter): Promise<FollowSuggestions> {
  const artists = await getTopArtists(db, filter);
  const { artists: images } = await catalogueImagesOf(db, { artists: artists.map((artist) => artist.id), albums: [], tracks: [] });
  return { artists, images };
}

/** The range's top `filter.limit` artists and their portraits (see the module comment). */
export function getFollowSuggestions(db: Db, filter: StatsFilter): Promise<FollowSuggestions> {
  const key = [filter.from?.getTime() ?? null, filter.to?.getTime() ?? null, filter.timeZone, filter.limit];
  return suggestions.get(db, filter.userId, key, () => topArtistsWithPortraits(db, filter));
}
