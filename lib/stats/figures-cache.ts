/**
 * Per-process caches of figures computed from one user's data (the trends page, the artist page,
 * the follow suggestions, a report's artwork, the genre coverage), on the invariant of
 * lib/stats/report-cache.ts: concurrent identical requests share one
 * computation, a small LRU keeps recent results, and a figure is never stale with respect to the
 * user's plays.
 *
 * Why a cached result is exact: each cache's `key` holds every input of its computation except the
 * user's data, and the user's data version (lib/stats/data-version.ts) is read before computing
 * and is part of the key: any committed write of the user's plays changes it, and so does the end
 * of an ingestion run covering the user. Catalogue changes that touch nobody's plays (names,
 * genres, images) show within CATALOGUE_TTL_MS. Entries are never shared between users: the user
 * id is the first part of every key. A failed computation is not kept.
 */
import type { Db } from "@/lib/db/client";
import { dataVersionKey, readDataVersion, type DataVersion } from "@/lib/stats/data-version";

/** Upper bound on how long a catalogue-only change (genres, names, track counts) can take to show. */
export const CATALOGUE_TTL_MS = 60_000;

export type FiguresCacheStats = { hits: number; misses: number };

export type FiguresCache<T> = {
  /**
   * The result of `compute` for the user and the key, from the cache when an exact one is there.
   * An unknown user is not cached: `compute` says what it says about them. `key` may be a function
   * of the user's data version row, for figures whose inputs depend on it (the report's `now`
   * against the newest play). `stillValid`, for figures that change with the clock alone (a play
   * leaving a window), says whether a stored result still holds; without it, a stored result
   * holds until the data version changes.
   */
  get(db: Db, userId: string, key: readonly unknown[] | ((version: DataVersion) => readonly unknown[]), compute: () => Promise<T>, stillValid?: (stored: T) => boolean): Promise<T>;
  /** Counters for tests: a hit is a request served by a stored or in-flight computation. */
  stats(): FiguresCacheStats;
  /** Forgets every entry and the counters (tests). */
  clear(): void;
};

type Entry<T> = { value: Promise<T>; storedAt: number };
type Store<T> = { entries: Map<string, Entry<T>>; stats: FiguresCacheStats };

// On globalThis: a development server may evaluate this module more than once.
const stores = ((globalThis as unknown as { encoreFiguresCaches?: Map<string, Store<unknown>> }).encoreFiguresCaches ??= new Map());

/** A cache named `name` (one per kind of figure) holding at most `size` results. */
export function figuresCache<T>(name: string, size: number): FiguresCache<T> {
  const store = (): Store<T> => {
    let found = stores.get(name) as Store<T> | undefined;
    if (!found) stores.set(name, (found = { entries: new Map(), stats: { hits: 0, misses: 0 } }) as Store<unknown>);
    return found;
  };
  return {
    async get(db, userId, key, compute, stillValid) {
      const version = await readDataVersion(db, userId);
      if (!version) return compute();
      const { entries, stats } = store();
      const id = JSON.stringify([userId, ...(typeof key === "function" ? key(version) : key), ...dataVersionKey(version)]);
      const found = entries.get(id);
      if (found && Date.now() - found.storedAt <= CATALOGUE_TTL_MS) {
        entries.delete(id);
        entries.set(id, found); // most recently used
        // A stored (or in-flight) result that time alone has made wrong is computed again.
        const value = stillValid ? await found.value : undefined;
        if (!stillValid || stillValid(value as T)) {
          stats.hits += 1;
          return found.value;
        }
      }
      stats.misses += 1;
      const created: Entry<T> = { value: compute(), storedAt: Date.now() };
      created.value.catch(() => {
        if (entries.get(id) === created) entries.delete(id);
      });
      entries.delete(id);
      entries.set(id, created);
      while (entries.size > size) entries.delete(entries.keys().next().value as string);
      return created.value;
    },
    stats: () => store().stats,
    clear() {
      const { entries, stats } = store();
      entries.clear();
      stats.hits = stats.misses = 0;
    },
  };
}
