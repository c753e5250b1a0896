/**
 * The playlist page's view (detail.ts) with its version's content through a figures cache
 * (lib/stats/figures-cache.ts): a page view reads the listing row and the session, not the
 * entries, the figures and the changes again, while none of them can have changed.
 *
 * Why a cached content is exact: the key holds the playlist and its latest stored version (read
 * fresh with the listing row on every view; versions are immutable once stored, and a new one is
 * the new latest), the cache adds the user's data version (their plays), and the figures hold
 * until `changesAt`, the first instant at which time alone moves a play out of a window or a later
 * play into one; each view computes the suggestions at its own `now`. The catalogue (track names,
 * album images) shows within CATALOGUE_TTL_MS, as for every figures cache.
 */
import type { Db } from "@/lib/db/client";
import { figuresCache } from "@/lib/stats/figures-cache";
import { loadPlaylistView, readVersionContent, type PlaylistView, type VersionContent, type VersionContentReader } from "./detail";

/** Versions kept per process (a 100-track version is ~30 KB). */
export const PLAYLIST_CACHE_SIZE = 32;

type StoredContent = VersionContent & { computedAt: number };

const contents = figuresCache<StoredContent>("playlist-version", PLAYLIST_CACHE_SIZE);

/** Counters for tests (process-wide). */
export const playlistCacheStats = contents.stats;

/** Forgets every cached version (tests). */
export const clearPlaylistCache = contents.clear;

const cachedVersionContent: VersionContentReader = (db, userId, playlistId, versionId, now) =>
  contents.get(
    db,
    userId,
    [playlistId, versionId.toString()],
    async () => ({ ...(await readVersionContent(db, userId, playlistId, versionId, now)), computedAt: now.getTime() }),
    // Computed for an instant at or before this one, and nothing has moved since.
    (stored) => stored.computedAt <= now.getTime() && now.getTime() < stored.figures.changesAt,
  );

/** The page's view of the user's playlist at `now` (null: not in their listing), as loadPlaylistView computes it. */
export function getCachedPlaylistView(db: Db, userId: string, playlistId: string, now: Date): Promise<PlaylistView | null> {
  return loadPlaylistView(db, userId, playlistId, now, cachedVersionContent);
}
