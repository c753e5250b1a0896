import { describe, expect, it, vi } from "vitest";
import { watchDemoPlaylistChange, type DemoPlaylistChange } from "@/lib/demo/playlist-change";
import { useFakeClock } from "../../helpers/fake-clock";

describe("the demo's playlist change watch (lib/demo/playlist-change.ts)", () => {
  useFakeClock(new Date("2026-03-04T12:00:00.000Z"));

  it("asks every interval, one call at a time, logs the change and stops once settled", async () => {
    const lines: string[] = [];
    const answers: DemoPlaylistChange[] = [
      { line: null, settled: false },
      { line: 'Demo: Ada changed her playlist "Night Drive"', settled: true },
    ];
    let calls = 0;
    const ask = vi.fn(async () => {
      calls += 1;
      // The second call takes longer than an interval: no call overlaps it.
      if (calls === 2) await new Promise((resolve) => setTimeout(resolve, 5_000));
      return answers[Math.min(calls, answers.length) - 1];
    });
    watchDemoPlaylistChange(ask, (line) => lines.push(line), 2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ask).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(ask).toHaveBeenCalledTimes(2);
    expect(lines).toEqual(['Demo: Ada changed her playlist "Night Drive"']);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it("a failure is said once and not tried again; stop() ends the watch", async () => {
    const lines: string[] = [];
    const failing = vi.fn(async (): Promise<DemoPlaylistChange> => {
      throw new Error("simulator down\nstack");
    });
    watchDemoPlaylistChange(failing, (line) => lines.push(line), 1_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(lines).toEqual(["Demo: the playlist change failed: simulator down"]);
    const waiting = vi.fn(async () => ({ line: null, settled: false }));
    const watch = watchDemoPlaylistChange(waiting, () => undefined, 1_000);
    await vi.advanceTimersByTimeAsync(3_000);
    watch.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(waiting).toHaveBeenCalledTimes(3);
  });
});
