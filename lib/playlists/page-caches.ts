/**
 * The playlist pages' figures through figures caches (lib/stats/figures-cache.ts): a view of a
 * playlist reads the listing row and the session, not its version's entries, figures and changes
 * again; a page of the list reads its listing rows, not its versions' suggestion counts again,
 * while none of them can have changed.
 *
 * Why a cached result is exact: the key holds the versions (read fresh with the listing rows on
 * every view; a stored version is immutable, and a collection that reads a playlist anew stores a
 * new latest one), the cache adds the user's data version (their plays), and the result holds
 * until its `changesAt`, the first instant at which time alone moves a play out of a window or a
 * later play into one (or, for the counts, an entry past 60 days since it was added). A result
 * computed for a later instant than the one asked for is not used (the API may ask for any
 * `now`). The catalogue (track names, album images) shows within CATALOGUE_TTL_MS, as for every
 * figures cache.
 */
import type { Db } from "@/lib/db/client";
import { figuresCache } from "@/lib/stats/figures-cache";
import { loadPlaylistView, readVersionContent, type PlaylistView, type VersionContent, type VersionContentReader } from "./detail";
import { listPlaylistPage, type PlaylistCard, type SuggestionCountsReader } from "./list";
import type { ListingPage } from "./listed-playlists";
import { suggestionCounts, type SuggestionCounts } from "./suggestion-counts";

/** Versions kept per process (a 100-track version is ~30 KB). */
export const PLAYLIST_CACHE_SIZE = 32;
/** Pages of the list kept per process (50 counts each). */
export const LIST_PAGE_CACHE_SIZE = 32;

type Computed<T> = T & { computedAt: number };

const contents = figuresCache<Computed<VersionContent>>("playlist-version", PLAYLIST_CACHE_SIZE);
const counts = figuresCache<Computed<SuggestionCounts>>("playlist-list-page", LIST_PAGE_CACHE_SIZE);

/** Counters for tests (process-wide). */
export const playlistCacheStats = contents.stats;
export const listPageCacheStats = counts.stats;

/** Forgets every cached result (tests). */
export function clearPlaylistCaches(): void {
  contents.clear();
  counts.clear();
}

/** Computed for an instant at or before `now`, and nothing has moved since. */
const holdsAt =
  (now: Date) =>
  (stored: { computedAt: number; changesAt: number }): boolean =>
    stored.computedAt <= now.getTime() && now.getTime() < stored.changesAt;

const cachedVersionContent: VersionContentReader = (db, userId, playlistId, versionId, now) =>
  contents.get(
    db,
    userId,
    [playlistId, versionId.toString()],
    async () => ({ ...(await readVersionContent(db, userId, playlistId, versionId, now)), computedAt: now.getTime() }),
    (stored) => holdsAt(now)({ computedAt: stored.computedAt, changesAt: stored.figures.changesAt }),
  );

const cachedSuggestionCounts: SuggestionCountsReader = (db, userId, now, versionIds) =>
  counts.get(
    db,
    userId,
    versionIds.map(String),
    async () => ({ ...(await suggestionCounts(db, userId, now, versionIds)), computedAt: now.getTime() }),
    holdsAt(now),
  );

/** The page's view of the user's playlist at `now` (null: not in their listing), as loadPlaylistView computes it. */
export function getCachedPlaylistView(db: Db, userId: string, playlistId: string, now: Date): Promise<PlaylistView | null> {
  return loadPlaylistView(db, userId, playlistId, now, cachedVersionContent);
}

/** A page of the user's list at `now`, as listPlaylistPage computes it. */
export function getCachedPlaylistPage(db: Db, userId: string, now: Date, page: ListingPage): Promise<{ cards: PlaylistCard[]; total: number }> {
  return listPlaylistPage(db, userId, now, page, cachedSuggestionCounts);
}
