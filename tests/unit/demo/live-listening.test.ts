import { describe, expect, it, vi } from "vitest";
import { startLiveListening } from "@/lib/demo/live-listening";
import type { IngestResult } from "@/lib/ingest/types";
import { useFakeClock } from "../../helpers/fake-clock";

const result = (inserted: number): IngestResult => ({
  runId: "run",
  startedAt: "2026-03-04T12:00:00.000Z",
  finishedAt: "2026-03-04T12:00:01.000Z",
  inserted,
  users: [{ spotifyId: "ada", status: "ok", inserted, gap: false }],
});

describe("the demo's timer (lib/demo/live-listening.ts)", () => {
  useFakeClock(new Date("2026-03-04T12:00:00.000Z"));

  it("plays and ingests every round; in between, an extra ingestion only while details wait for a run", async () => {
    const played: number[] = [];
    const lines: string[] = [];
    let waiting = 0;
    const ingest = vi.fn(async () => {
      waiting = Math.max(0, waiting - 1);
      return result(0);
    });
    const due = vi.fn(async () => (waiting > 0 ? "Spotify details" : null));
    const live = startLiveListening({
      play: (count) => played.push(count),
      ingest,
      firstDelayMs: 20_000,
      intervalMs: 150_000,
      log: (line) => lines.push(line),
      playsPerRound: [3, 3],
      catchUp: { due, everyMs: 2_000 },
    });

    await vi.advanceTimersByTimeAsync(19_000);
    // Asked every 2 s, nothing waited: no run before the first round.
    expect(due).toHaveBeenCalledTimes(9);
    expect(ingest).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(played).toEqual([3]);
    expect(ingest).toHaveBeenCalledTimes(1);

    // Someone signs in: two runs' worth of details wait. Two extra runs, 2 s apart, then quiet again.
    waiting = 2;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ingest).toHaveBeenCalledTimes(3);
    expect(played).toEqual([3]);
    expect(lines.filter((line) => line.startsWith("Demo: Spotify details were waiting"))).toEqual([
      "Demo: Spotify details were waiting, so an extra ingestion ran; it stored 0 new plays (ada ok).",
      "Demo: Spotify details were waiting, so an extra ingestion ran; it stored 0 new plays (ada ok).",
    ]);

    // The next round comes on its schedule.
    await vi.advanceTimersByTimeAsync(140_000);
    expect(played).toEqual([3, 3]);
    expect(ingest).toHaveBeenCalledTimes(4);
    await live.stop();
    const calls = due.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(due.mock.calls.length).toBe(calls);
  });

  it("a failing check or run does not stop the timer", async () => {
    const lines: string[] = [];
    let checks = 0;
    const live = startLiveListening({
      play: () => undefined,
      ingest: async () => {
        throw new Error("simulator down\nstack");
      },
      firstDelayMs: 60_000,
      intervalMs: 60_000,
      log: (line) => lines.push(line),
      catchUp: {
        due: async () => {
          checks += 1;
          if (checks === 1) throw new Error("database restarting");
          return "playlists";
        },
        everyMs: 1_000,
      },
    });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(lines).toEqual(["Demo: an extra ingestion failed: database restarting", "Demo: an extra ingestion failed: simulator down", "Demo: an extra ingestion failed: simulator down"]);
    await live.stop();
  });

  it("without catching up, only the rounds run", async () => {
    const ingest = vi.fn(async () => result(2));
    const live = startLiveListening({ play: () => undefined, ingest, firstDelayMs: 5_000, intervalMs: 10_000, log: () => undefined });
    await vi.advanceTimersByTimeAsync(26_000);
    expect(ingest).toHaveBeenCalledTimes(3);
    await live.stop();
  });
});
