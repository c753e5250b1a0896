/**
 * A user's first collection starts when they sign in (SPEC §3): in the background, after the
 * sign-in response, through the cron run's code path (runIngestion) limited to that user. Its
 * stages (the enrichment queue and those after it) advance with what the run's budget leaves.
 * Beside a cron run starting at the same moment it is safe: plays are unique per (user, track,
 * played_at) and stored ON CONFLICT DO NOTHING, the cursor only moves forward, token refreshes
 * happen under a row lock, and rollups refresh under a per-user advisory lock.
 */
import { after } from "next/server";
import { getDb, type Db } from "@/lib/db/client";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import type { IngestResult } from "@/lib/ingest/types";
import { activeRunsFor } from "@/lib/collection/active-runs";

/** Users whose sign-in collection this process is starting or running. */
const starting = new Set<string>();

/**
 * Collects the user's plays now, unless a sign-in collection of theirs is already running, here
 * or in another process (signing in twice at once starts one). Returns the run's result, or null
 * when none started.
 */
export async function collectOnSignIn(
  db: Db,
  userId: string,
  options: Pick<IngestOptions, "now" | "requestBudget" | "timeBudgetMs" | "transport" | "alertWebhookUrl"> = {},
): Promise<IngestResult | null> {
  if (starting.has(userId)) return null;
  starting.add(userId);
  try {
    const now = options.now ?? (() => new Date());
    const running = await activeRunsFor(db, userId, now());
    if (running.some((run) => run.limited && run.trigger === "signin")) return null;
    return await runIngestion({ db, ...options, trigger: "signin", userIds: [userId] });
  } finally {
    starting.delete(userId);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0].slice(0, 300) : String(error);
}

/**
 * Called once a sign-in has stored the user's tokens: schedules the collection after the
 * response (Next.js `after`), so signing in is not slowed by it. Failures are logged, never thrown.
 */
export function startFirstCollection(userId: string, schedule: (task: () => Promise<void>) => void = after): void {
  schedule(async () => {
    try {
      const result = await collectOnSignIn(getDb(), userId);
      const outcome = result?.users[0];
      if (outcome) console.log(`[collection] sign-in collection for ${outcome.spotifyId}: ${outcome.status}, ${outcome.inserted} new plays${outcome.error ? ` (${outcome.error})` : ""}`);
    } catch (error) {
      console.error(`[collection] the sign-in collection failed: ${describe(error)}`);
    }
  });
}
