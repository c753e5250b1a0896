/**
 * Keeps the demo alive: now and then the demo listener plays a few tracks in the simulator and
 * an ingestion run (the cron endpoint's code path) picks them up, so new plays appear on the
 * dashboard. Before anyone signs in the run finds no connected user, which is fine. While work
 * waits for a run after a sign-in (details of the listener's history, their playlists), extra
 * runs read it without delay.
 */
import type { IngestResult } from "@/lib/ingest/types";

export type LiveListeningOptions = {
  play: (count: number) => unknown;
  ingest: () => Promise<IngestResult>;
  firstDelayMs: number;
  intervalMs: number;
  log: (line: string) => void;
  /** Plays per round, drawn uniformly from this range. */
  playsPerRound?: readonly [number, number];
  /**
   * Between rounds, every `everyMs`: an extra ingestion (no new plays) when `due` names work
   * waiting for a run (the details of a just-signed-in listener's history, their playlists), so
   * the demo's figures fill in within a minute instead of at the next round.
   */
  catchUp?: { due: () => Promise<string | null>; everyMs: number };
};

export type LiveListening = { stop(): Promise<void> };

function outcomesOf(result: IngestResult): string {
  return result.users.map((user) => `${user.spotifyId} ${user.status}${user.error ? ` (${user.error})` : ""}`).join(", ");
}

export function describeRound(played: number, result: IngestResult): string {
  if (result.users.length === 0) return `Demo: Ada played ${played} tracks; nobody has signed in yet, so the ingestion run had no one to read.`;
  return `Demo: Ada played ${played} tracks; ingestion stored ${result.inserted} new plays (${outcomesOf(result)}).`;
}

/** `waiting`: what the run was for, e.g. "Spotify details". */
export function describeCatchUp(waiting: string, result: IngestResult): string {
  return `Demo: ${waiting} were waiting, so an extra ingestion ran; it stored ${result.inserted} new plays (${outcomesOf(result)}).`;
}

export function startLiveListening(options: LiveListeningOptions): LiveListening {
  const [fewest, most] = options.playsPerRound ?? [2, 4];
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let working: Promise<void> = Promise.resolve();
  let nextRoundAt = Date.now() + options.firstDelayMs;

  const runRound = async () => {
    const count = fewest + Math.floor(Math.random() * (most - fewest + 1));
    try {
      options.play(count);
      options.log(describeRound(count, await options.ingest()));
    } catch (error) {
      // One failed round must not end the demo: the next one tries again.
      options.log(`Demo: an ingestion round failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  };
  const runCatchUp = async (catchUp: NonNullable<LiveListeningOptions["catchUp"]>) => {
    try {
      const waiting = await catchUp.due();
      if (waiting) options.log(describeCatchUp(waiting, await options.ingest()));
    } catch (error) {
      options.log(`Demo: an extra ingestion failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  };
  // One thing at a time: a round or a catch-up, then the next wake-up.
  const wake = async () => {
    if (Date.now() >= nextRoundAt) {
      await runRound();
      nextRoundAt = Date.now() + options.intervalMs;
    } else if (options.catchUp) {
      await runCatchUp(options.catchUp);
    }
  };
  const schedule = () => {
    if (stopped) return;
    const untilRound = Math.max(0, nextRoundAt - Date.now());
    timer = setTimeout(
      () => {
        working = wake().then(schedule);
      },
      options.catchUp ? Math.min(untilRound, options.catchUp.everyMs) : untilRound,
    );
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await working;
    },
  };
}
