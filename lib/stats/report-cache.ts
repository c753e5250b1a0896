/**
 * A per-process cache of reports for the web app (dashboard pages and `GET /api/stats`), one of
 * the figures caches (lib/stats/figures-cache.ts): concurrent identical requests share one
 * in-flight `getReport`, and a small LRU keeps recent reports. Figures are never stale with
 * respect to the user's plays.
 *
 * INVARIANT (what makes a cached report exact)
 * A report is a function of the filter (userId, from, to, timeZone, limit, now), of the user's
 * plays and rollups, and of the shared catalogue. Before using or filling the cache we read,
 * in one indexed single-row query (`users` by primary key, `stats_rollup_state` by primary key,
 * the newest play through the (user_id, played_at) index):
 * - the user's data version: `stats_rollup_state.xmin` (the id of the transaction that last wrote
 *   that row) with `refreshed_at`. Every write of a user's plays calls `refreshRollups` in the
 *   same transaction (SPEC; lib/stats/rollups.ts: ingest, import, enrichment re-pointing or
 *   re-crediting plays, account deletion), and `refreshRollups`/`rebuildRollups` always update or
 *   re-insert that row, so any committed write changes the version. A time-zone change changes
 *   `users.time_zone` (part of the key) and rebuilds the rollups (a new row, a new version).
 *   A user without rollups yet has version "none"; plays written without rollups would break
 *   SPEC, but the newest play's instant is in the key as well.
 *   The version is read BEFORE the report is computed, so a write committing meanwhile is at
 *   worst included in a report stored under the older version, which no later reader asks for.
 * - `now` only matters for the current streak (streams with playedAt <= now, the run ending on
 *   now's local date or the day before). When the newest play is at or before `now`, that is
 *   the same for every `now` of the same local date: the key holds that local date. When a play
 *   lies after `now` (a future play), the key holds `now` itself (no sharing).
 * - `report.user` (display name) is replaced by the fresh row on every read.
 * - Catalogue-only changes that touch no one's plays or rollups (an artist's genres or name, an
 *   album's track count, from enrichment; genres from the MusicBrainz queue) bump no user version: cached entries therefore live at
 *   most CATALOGUE_TTL_MS, which bounds how long such a change can take to show. Such changes
 *   come from ingestion runs, and a run records every user it covered when it ends: the newest
 *   of the user's run outcomes (`ingest_run_users` by its (user_id, created_at) index) is in the
 *   key, so what a run covering the user read shows as soon as that run ends (a first collection
 *   fills genres and album completion at once, not up to a minute later).
 * Entries are never shared between users: the user id is the first part of every key.
 */
import type { Db } from "@/lib/db/client";
import type { DataVersion } from "@/lib/stats/data-version";
import { figuresCache, type FiguresCacheStats } from "@/lib/stats/figures-cache";
import { getReport } from "@/lib/stats/report";
import { localDateOf } from "@/lib/stats/local-time";
import type { Report, StatsFilter } from "@/lib/stats/types";

/** How many reports a process keeps (all-time reports of a large history are ~300 KB each). */
export const REPORT_CACHE_SIZE = 64;

export type CachedReport = {
  report: Report;
  /** The user's newest play (any range), null without plays. */
  lastPlayedAt: Date | null;
};

const reports = figuresCache<Report>("reports", REPORT_CACHE_SIZE);

/** Counters for tests and benchmarks (process-wide). */
export function reportCacheStats(): FiguresCacheStats {
  return reports.stats();
}

/** Forgets every cached report (tests). */
export function clearReportCache(): void {
  reports.clear();
}

/** Every input of the report but the user's data (the figures cache adds the data version). */
function reportKey(filter: StatsFilter, row: DataVersion): unknown[] {
  const lastPlayed = row.last_played_at?.getTime() ?? null;
  const when = lastPlayed !== null && lastPlayed > filter.now.getTime() ? `at:${filter.now.getTime()}` : `day:${localDateOf(filter.now, filter.timeZone)}`;
  return [filter.from?.getTime() ?? null, filter.to?.getTime() ?? null, filter.timeZone, filter.limit, filter.rankBy ?? "streams", when];
}

/**
 * The report for the filter, from the cache when an exact one is there (see the module comment),
 * with the user's newest play. Throws what getReport throws (UnknownUserError for a missing user).
 */
export async function getCachedReport(db: Db, filter: StatsFilter): Promise<CachedReport> {
  // The key is made from the version row the cache reads: kept for the fresh name and newest play.
  let row: DataVersion | undefined;
  const key = (version: DataVersion) => reportKey(filter, (row = version));
  const report = await reports.get(db, filter.userId, key, () => getReport(db, filter));
  if (!row) return { report, lastPlayedAt: null };
  return {
    report: { ...report, user: { spotifyId: row.spotify_id, displayName: row.display_name, timeZone: filter.timeZone } },
    lastPlayedAt: row.last_played_at,
  };
}
