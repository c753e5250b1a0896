/**
 * The demo listener's year of history, delivered as a user would deliver theirs: a data-export
 * zip (generated from the simulator's catalogue and listening habits) imported through
 * lib/import. Done once per database: a succeeded demo import job marks it done.
 */
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { importSpotifyExport, type ImportProgress, type ImportSummary } from "@/lib/import";
import { DEFAULT_SEED, generateCatalogue, generateListenerPlays, generateListeners, type SimListener } from "@/lib/simulator";
import { exportFiles, writeExportZip } from "./export-zip";
import { streamingHistoryEntries } from "./streaming-history";

export const DEMO_LISTENER_ID = "ada";
/** Recorded as the import job's source: how a later start knows the history is in. */
export const DEMO_IMPORT_SOURCE = "demo";
const HISTORY_DAYS = 365;

export type DemoHistoryOptions = {
  db: Db;
  databaseUrl: string;
  /** Where the generated export zip is kept (`.data/demo/`). */
  directory: string;
  seed?: string;
  now?: Date;
  onProgress?: (progress: ImportProgress) => void;
};

export type DemoHistoryResult = { userId: string; imported: false } | { userId: string; imported: true; zipPath: string; summary: ImportSummary };

export function demoListener(seed = DEFAULT_SEED): SimListener {
  const listener = generateListeners(generateCatalogue(seed)).find((candidate) => candidate.id === DEMO_LISTENER_ID);
  if (!listener) throw new Error(`the simulator has no listener "${DEMO_LISTENER_ID}"`);
  return listener;
}

/** Generates the listener's export zip for the `days` before `now`; returns the number of entries. */
export async function writeDemoExport(options: { seed: string; listener: SimListener; now: Date; days: number; zipPath: string }): Promise<number> {
  const catalogue = generateCatalogue(options.seed);
  const from = new Date(options.now.getTime() - options.days * 86_400_000);
  const plays = generateListenerPlays(catalogue, options.listener, { from, to: options.now });
  const entries = streamingHistoryEntries(catalogue, options.listener, plays);
  await writeExportZip(exportFiles(entries), options.zipPath, options.now);
  return entries.length;
}

/**
 * Ensures the demo listener's user row (keyed by Spotify id, as sign-in keys it, so signing in
 * later attaches the tokens to this row) and imports their history unless it is already in.
 */
export async function ensureDemoHistory(options: DemoHistoryOptions): Promise<DemoHistoryResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const listener = demoListener(seed);
  const user = await options.db.user.upsert({
    where: { spotifyId: listener.id },
    create: { spotifyId: listener.id, displayName: listener.displayName, timeZone: listener.timeZone },
    update: {},
  });
  const done = await options.db.importJob.findFirst({ where: { userId: user.id, source: DEMO_IMPORT_SOURCE, status: "succeeded" } });
  if (done) return { userId: user.id, imported: false };

  const zipPath = path.join(options.directory, `${listener.id}-spotify-export.zip`);
  await writeDemoExport({ seed, listener, now: options.now ?? new Date(), days: HISTORY_DAYS, zipPath });
  const result = await importSpotifyExport({
    userId: user.id,
    inputs: [zipPath],
    databaseUrl: options.databaseUrl,
    source: DEMO_IMPORT_SOURCE,
    onProgress: options.onProgress,
  });
  return { userId: user.id, imported: true, zipPath, summary: result.summary };
}
