/**
 * A per-process cache of the trends page's data (lib/stats/trends.ts getTrendsPage), on the
 * invariant of lib/stats/report-cache.ts: concurrent identical requests share one computation,
 * and a small LRU keeps recent pages; a figure is never stale with respect to the user's plays.
 *
 * Why a cached page is exact: the trends are a function of the user, the time zone, `limit`, D
 * (the local date of `now`: every window is a span of whole local dates up to and including D,
 * whatever the time of day), the user's plays and rollups, and the catalogue's names and credits.
 * The key holds the user, zone, limit and D, and the user's data version read before computing
 * (lib/stats/data-version.ts: any committed write of the user's plays changes it, and so does
 * the end of an ingestion run covering the user); other catalogue changes show within
 * CATALOGUE_TTL_MS, as for reports. Only `trends.now` depends on the instant itself: it is set
 * from the request on every read.
 */
import type { Db } from "@/lib/db/client";
import { dataVersionKey, readDataVersion } from "@/lib/stats/data-version";
import { localDateOf } from "@/lib/stats/local-time";
import { CATALOGUE_TTL_MS } from "@/lib/stats/report-cache";
import { getTrendsPage, type TrendsPage } from "@/lib/stats/trends";
import type { TrendsFilter } from "@/lib/stats/trend-types";

/** Pages kept per process (one is ~60 KB). */
export const TRENDS_CACHE_SIZE = 32;

type Entry = { page: Promise<TrendsPage>; storedAt: number };

const globalForCache = globalThis as unknown as { encoreTrendsCache?: Map<string, Entry>; encoreTrendsCacheStats?: TrendsCacheStats };

export type TrendsCacheStats = { hits: number; misses: number };

function entries(): Map<string, Entry> {
  return (globalForCache.encoreTrendsCache ??= new Map());
}

/** Counters for tests (process-wide): a hit is a request served by a stored or in-flight computation. */
export function trendsCacheStats(): TrendsCacheStats {
  return (globalForCache.encoreTrendsCacheStats ??= { hits: 0, misses: 0 });
}

/** Forgets every cached page (tests). */
export function clearTrendsCache(): void {
  entries().clear();
  const stats = trendsCacheStats();
  stats.hits = stats.misses = 0;
}

/** The trends page's data for the filter, computed or from the cache when an exact one is there (see the module comment). */
export async function getCachedTrendsPage(db: Db, filter: TrendsFilter): Promise<TrendsPage> {
  const row = await readDataVersion(db, filter.userId);
  if (!row) return getTrendsPage(db, filter);
  const key = JSON.stringify([filter.userId, filter.timeZone, filter.limit, localDateOf(filter.now, filter.timeZone), ...dataVersionKey(row)]);
  const map = entries();
  const stats = trendsCacheStats();
  let entry = map.get(key);
  if (entry && Date.now() - entry.storedAt > CATALOGUE_TTL_MS) entry = undefined;
  map.delete(key);
  if (entry) {
    stats.hits += 1;
  } else {
    stats.misses += 1;
    const created: Entry = { page: getTrendsPage(db, filter), storedAt: Date.now() };
    entry = created;
    // A failure is not kept: the next request computes again.
    created.page.catch(() => {
      if (map.get(key) === created) map.delete(key);
    });
  }
  map.set(key, entry); // most recently used
  while (map.size > TRENDS_CACHE_SIZE) map.delete(map.keys().next().value as string);
  const page = await entry.page;
  return { ...page, trends: { ...page.trends, now: filter.now.toISOString() } };
}
