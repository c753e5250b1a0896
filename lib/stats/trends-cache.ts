/**
 * The trends page's data (lib/stats/trends.ts getTrendsPage) through a figures cache
 * (lib/stats/figures-cache.ts): concurrent identical requests share one computation, and a small
 * LRU keeps recent pages; a figure is never stale with respect to the user's plays.
 *
 * The key: the trends are a function of the user, the time zone, `limit`, D (the local date of
 * `now`: every window is a span of whole local dates up to and including D, whatever the time of
 * day), the user's plays and rollups (the data version, added by the cache), and the catalogue's
 * names and credits (CATALOGUE_TTL_MS). Only `trends.now` depends on the instant itself: it is set
 * from the request on every read.
 */
import type { Db } from "@/lib/db/client";
import { figuresCache } from "@/lib/stats/figures-cache";
import { localDateOf } from "@/lib/stats/local-time";
import { getTrendsPage, type TrendsPage } from "@/lib/stats/trends";
import type { TrendsFilter } from "@/lib/stats/trend-types";

/** Pages kept per process (one is ~60 KB). */
export const TRENDS_CACHE_SIZE = 32;

const pages = figuresCache<TrendsPage>("trends", TRENDS_CACHE_SIZE);

/** Counters for tests (process-wide): a hit is a request served by a stored or in-flight computation. */
export const trendsCacheStats = pages.stats;

/** Forgets every cached page (tests). */
export const clearTrendsCache = pages.clear;

/** The trends page's data for the filter, computed or from the cache when an exact one is there (see the module comment). */
export async function getCachedTrendsPage(db: Db, filter: TrendsFilter): Promise<TrendsPage> {
  const key = [filter.timeZone, filter.limit, localDateOf(filter.now, filter.timeZone)];
  const page = await pages.get(db, filter.userId, key, () => getTrendsPage(db, filter));
  return { ...page, trends: { ...page.trends, now: filter.now.toISOString() } };
}
