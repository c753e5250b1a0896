/**
 * Keeps the demo alive: now and then the demo listener plays a few tracks in the simulator and
 * an ingestion run (the cron endpoint's code path) picks them up, so new plays appear on the
 * dashboard. Before anyone signs in the run finds no connected user, which is fine.
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
};

export type LiveListening = { stop(): Promise<void> };

export function describeRound(played: number, result: IngestResult): string {
  if (result.users.length === 0) return `Demo: Ada played ${played} tracks; nobody has signed in yet, so the ingestion run had no one to read.`;
  const outcomes = result.users.map((user) => `${user.spotifyId} ${user.status}${user.error ? ` (${user.error})` : ""}`).join(", ");
  return `Demo: Ada played ${played} tracks; ingestion stored ${result.inserted} new plays (${outcomes}).`;
}

export function startLiveListening(options: LiveListeningOptions): LiveListening {
  const [fewest, most] = options.playsPerRound ?? [2, 4];
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> = Promise.resolve();

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
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      round = runRound().then(() => {
        if (!stopped) schedule(options.intervalMs);
      });
    }, delayMs);
  };
  schedule(options.firstDelayMs);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round;
    },
  };
}
