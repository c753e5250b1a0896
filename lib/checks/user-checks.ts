/**
 * The data-quality checks of one user for the status page, cheap on every request.
 *
 * The scans of the plays (duplicates, references, msPlayed; runPlayScanChecks) take seconds for
 * a listener with a million plays, so their results are kept per user, in this process, with
 * the instant they ran, and shared:
 * - they are run again as soon as the user's data version changes (readDataVersion: any
 *   write of their plays through Encore, a collection run that covered them), and at the
 *   latest when they are PLAY_SCAN_MAX_AGE_MS old (what the version cannot see: a change of the
 *   shared catalogue, a write that bypassed the rollups);
 * - concurrent requests for the same user and version wait for one run of the scans;
 * - a failed run is not kept: the next request runs the scans again.
 * The other checks (indexed lookups, and `now`-dependent) run on every request. The page says
 * when each kind ran. Entries are per user id and hold that user's results only.
 * `npm run checks` does not come here: it runs every check live.
 */
import type { Db } from "@/lib/db/client";
import { inCheckOrder, runLookupChecks, runPlayScanChecks, type CheckResult } from "./run-checks";
import { dataVersionKey, readDataVersion } from "@/lib/stats/data-version";

/** How old the scans' results may get before a view runs them again, whatever the data version says. */
export const PLAY_SCAN_MAX_AGE_MS = 5 * 60_000;
/** How many users' results a process keeps (a few hundred bytes each). */
export const USER_CHECKS_CACHE_SIZE = 1024;

export type UserChecks = {
  /** Every check, in CHECK_ORDER. */
  checks: CheckResult[];
  /** When the scans of the plays ran (PLAY_SCAN_CHECKS). */
  playsCheckedAt: Date;
  /** When the other checks ran: this request. */
  checkedAt: Date;
};

type Entry = { version: string; ranAt: Date; results: Promise<CheckResult[]>; settled: boolean };

export type UserChecksCacheStats = { runs: number; hits: number; shared: number };

const globalForChecks = globalThis as unknown as { encoreUserChecks?: Map<string, Entry>; encoreUserChecksStats?: UserChecksCacheStats };

function entries(): Map<string, Entry> {
  return (globalForChecks.encoreUserChecks ??= new Map());
}

/** Counters for tests (process-wide): scans run, results reused, runs joined while in flight. */
export function userChecksCacheStats(): UserChecksCacheStats {
  return (globalForChecks.encoreUserChecksStats ??= { runs: 0, hits: 0, shared: 0 });
}

/** Forgets every kept result (tests). */
export function clearUserChecksCache(): void {
  entries().clear();
  const stats = userChecksCacheStats();
  stats.runs = stats.hits = stats.shared = 0;
}

function isFresh(entry: Entry, version: string, now: Date): boolean {
  return entry.version === version && now.getTime() - entry.ranAt.getTime() < PLAY_SCAN_MAX_AGE_MS;
}

function remember(userId: string, entry: Entry): void {
  const map = entries();
  map.delete(userId);
  map.set(userId, entry);
  while (map.size > USER_CHECKS_CACHE_SIZE) map.delete(map.keys().next().value as string);
}

function runScans(db: Db, userId: string, version: string, now: Date): Entry {
  const stats = userChecksCacheStats();
  stats.runs += 1;
  const results = runPlayScanChecks(db, { userId });
  const entry: Entry = { version, ranAt: now, results, settled: false };
  results.then(
    () => {
      entry.settled = true;
    },
    () => {
      if (entries().get(userId) === entry) entries().delete(userId);
    },
  );
  return entry;
}

/** The user's checks as the status page shows them; `now` is the request's clock. */
export async function getUserChecks(db: Db, userId: string, now: Date = new Date()): Promise<UserChecks> {
  const [row, lookups] = await Promise.all([readDataVersion(db, userId), runLookupChecks(db, { userId, now })]);
  const version = row ? JSON.stringify(dataVersionKey(row)) : null;
  let entry = entries().get(userId);
  const stats = userChecksCacheStats();
  if (version === null) {
    // No such user: nothing to keep (the scans find nothing, quickly).
    entry = runScans(db, userId, "", now);
  } else if (entry && isFresh(entry, version, now)) {
    if (entry.settled) stats.hits += 1;
    else stats.shared += 1;
    remember(userId, entry);
  } else {
    entry = runScans(db, userId, version, now);
    remember(userId, entry);
  }
  const scans = await entry.results;
  return { checks: inCheckOrder([...scans, ...lookups]), playsCheckedAt: entry.ranAt, checkedAt: now };
}
