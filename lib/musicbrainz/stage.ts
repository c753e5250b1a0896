/**
 * The MusicBrainz genres stage of an ingestion run (SPEC 3 and 12): the last of RUN_STAGES,
 * after the Spotify work, within its own budget (MUSICBRAINZ_RUN_BUDGET) and the run's deadline.
 * It needs no Spotify token: it also runs when nobody's plays were read (a demo before sign-in).
 */
import type { RunStageContext } from "@/lib/ingest/run";
import { createMusicBrainzClient, MusicBrainzBudget } from "./client";
import { readMusicBrainzConfig, type MusicBrainzConfig } from "./config";
import { databasePacer, REQUEST_SPACING_MS } from "./pacer";
import { advanceMusicBrainz, type AdvanceMusicBrainzResult } from "./queue";

/** Overrides of the environment and of the request pacing, for tests, benchmarks and tools. */
export type MusicBrainzRunOptions = {
  config?: Partial<MusicBrainzConfig>;
  /** Spacing between two requests of the install (default just over one second). */
  spacingMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  retryBaseDelayMs?: number;
  /** Told the stage's outcome (the demo prints it). */
  onResult?: (result: AdvanceMusicBrainzResult) => void;
};

export async function runMusicBrainzStage(
  context: Pick<RunStageContext, "db" | "deadline" | "now" | "musicbrainz"> & Partial<Pick<RunStageContext, "limitedTo">>,
): Promise<AdvanceMusicBrainzResult | null> {
  const options = context.musicbrainz ?? {};
  const config = { ...readMusicBrainzConfig(), ...options.config };
  if (config.genres === "spotify" || config.runBudget === 0) return null;
  const budget = new MusicBrainzBudget(config.runBudget);
  const client = createMusicBrainzClient({
    baseUrl: config.baseUrl,
    userAgent: config.userAgent,
    pacer: databasePacer(context.db, options.spacingMs ?? REQUEST_SPACING_MS),
    budget,
    deadline: context.deadline,
    now: context.now,
    fetch: options.fetch,
    sleep: options.sleep,
    retryBaseDelayMs: options.retryBaseDelayMs,
  });
  // A sign-in's first collection looks up that listener's artists first: their genres show in the first minutes.
  const result = await advanceMusicBrainz({ db: context.db, client, budget, deadline: context.deadline, now: context.now, preferUserIds: context.limitedTo ?? [] });
  options.onResult?.(result);
  if (result.error) console.error(`MusicBrainz genres: stopped (${result.stoppedBy}): ${result.error}`);
  return result;
}
