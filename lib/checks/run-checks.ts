/**
 * The data-quality checks of SPEC §7, each a named pass/fail with a count. Gaps are
 * information, never a failure. With `userId`, only that user's data is looked at (status page).
 *
 * Two kinds: the scans of the plays (duplicates, references, msPlayed), whose cost grows with
 * the plays, and the rest, each an indexed lookup. The status page shares the scans' results
 * between requests (lib/checks/user-checks.ts); `runChecks` (`npm run checks`) runs all of
 * them, live.
 */
import type { Db } from "@/lib/db/client";
import { decryptToken } from "@/lib/crypto/token-cipher";
import { countDuplicatePlays, DUPLICATE_WINDOW_SECONDS } from "./duplicate-plays";
import { countPlaysWithMissingReferences } from "./missing-references";
import { countMsPlayedOutOfRange } from "./ms-played-out-of-range";
import { readLookupCounts } from "./lookup-counts";

export type CheckResult = { name: string; description: string; ok: boolean; count: number; informational?: boolean };

export type CheckName =
  | "no_duplicate_plays"
  | "no_future_plays"
  | "references_exist"
  | "ms_played_in_range"
  | "tokens_readable"
  | "no_stuck_runs"
  | "recent_gaps";

/** The order every list of results follows. */
export const CHECK_ORDER: readonly CheckName[] = [
  "no_duplicate_plays",
  "no_future_plays",
  "references_exist",
  "ms_played_in_range",
  "tokens_readable",
  "no_stuck_runs",
  "recent_gaps",
];

/** The checks that scan the plays. */
export const PLAY_SCAN_CHECKS: readonly CheckName[] = ["no_duplicate_plays", "references_exist", "ms_played_in_range"];

const STUCK_AFTER_MS = 3600_000;
const GAP_WINDOW_MS = 7 * 86_400_000;

function failsAbove(name: CheckName, description: string, count: number): CheckResult {
  return { name, description, ok: count === 0, count };
}

/** The scans of the plays (all users' without `userId`), whose cost grows with the plays. */
export async function runPlayScanChecks(db: Db, options: { userId?: string } = {}): Promise<CheckResult[]> {
  const userId = options.userId ?? null;
  const duplicates = await countDuplicatePlays(db, userId);
  const orphans = await countPlaysWithMissingReferences(db, userId);
  const badMs = await countMsPlayedOutOfRange(db, userId);
  return [
    failsAbove("no_duplicate_plays", `No two plays of the same user and track within ${DUPLICATE_WINDOW_SECONDS} seconds`, duplicates),
    failsAbove("references_exist", "Every play's track, album and credited artists exist", orphans),
    failsAbove("ms_played_in_range", "msPlayed within [0, 24 h]", badMs),
  ];
}

/** The other checks: indexed lookups (one statement), cheap enough for every request. */
export async function runLookupChecks(db: Db, options: { userId?: string; now?: Date } = {}): Promise<CheckResult[]> {
  const now = options.now ?? new Date();
  const counts = await readLookupCounts(db, options.userId ?? null, now, new Date(now.getTime() - STUCK_AFTER_MS), new Date(now.getTime() - GAP_WINDOW_MS));
  const unreadable = counts.tokens.filter((token) => {
    try {
      decryptToken(token.accessTokenEnc, token.userId);
      decryptToken(token.refreshTokenEnc, token.userId);
      return false;
    } catch {
      return true;
    }
  }).length;
  return [
    failsAbove("no_future_plays", "No play dated in the future", counts.futurePlays),
    failsAbove("tokens_readable", "Every stored Spotify token decrypts", unreadable),
    failsAbove("no_stuck_runs", "No ingest run left running for over an hour", counts.stuckRuns),
    { name: "recent_gaps", description: "Gaps recorded in the last 7 days (information: an export import fills them)", ok: true, count: counts.recentGaps, informational: true },
  ];
}

/** Results of both kinds, in CHECK_ORDER. */
export function inCheckOrder(results: CheckResult[]): CheckResult[] {
  return [...results].sort((a, b) => CHECK_ORDER.indexOf(a.name as CheckName) - CHECK_ORDER.indexOf(b.name as CheckName));
}

/** Every check, live (`npm run checks`, and the exact answer for one user with `userId`). */
export async function runChecks(db: Db, options: { userId?: string; now?: Date } = {}): Promise<CheckResult[]> {
  const scans = await runPlayScanChecks(db, options);
  const lookups = await runLookupChecks(db, options);
  return inCheckOrder([...scans, ...lookups]);
}
