/**
 * lib/checks/user-checks.ts: the status page's checks share one run of the play scans between
 * concurrent requests, keep it with the instant it ran, run it again when the user's plays
 * change (a write through Encore refreshes the rollups) or once it is PLAY_SCAN_MAX_AGE_MS old,
 * run the indexed checks on every request, and never mix users.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { runChecks } from "@/lib/checks/run-checks";
import { clearUserChecksCache, getUserChecks, PLAY_SCAN_MAX_AGE_MS, userChecksCacheStats, type UserChecks } from "@/lib/checks/user-checks";
import { rebuildRollups, refreshRollups } from "@/lib/stats/rollups";
import { useTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, insertPlays } from "../../helpers/stats-fixtures";

const A = "user-a";
const B = "user-b";
const NOW = new Date("2025-03-10T12:00:00.000Z");
const PLAYED = new Date("2025-03-08T10:00:00.000Z");

const countOf = (results: UserChecks, name: string) => results.checks.find((check) => check.name === name)?.count;
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe("the status page's data-quality checks", () => {
  const test = useTestDatabase();

  beforeEach(async () => {
    await clearHistory(test.db);
    await test.db.$executeRawUnsafe("TRUNCATE ingest_runs CASCADE");
    clearUserChecksCache();
    await insertHistory(test.db, {
      users: [
        { id: A, spotifyId: "spotify-a", displayName: "Ada", timeZone: "UTC" },
        { id: B, spotifyId: "spotify-b", displayName: "Ben", timeZone: "UTC" },
      ],
      artists: [{ id: "ar1", name: "Artist One" }],
      albums: [{ id: "al1", name: "Album One" }],
      tracks: [
        { id: "t1", name: "Track One", albumId: "al1", artistIds: ["ar1"] },
        { id: "t2", name: "Track Two", albumId: "al1", artistIds: ["ar1"] },
      ],
      plays: [
        { userId: A, trackId: "t1", playedAt: PLAYED, msPlayed: 100_000 },
        { userId: A, trackId: "t2", playedAt: new Date("2025-03-09T23:30:00.000Z"), msPlayed: 120_000 },
        // Ben has a duplicate pair and a negative msPlayed: never on Ada's page.
        { userId: B, trackId: "t2", playedAt: PLAYED, msPlayed: -5 },
        { userId: B, trackId: "t2", playedAt: new Date(PLAYED.getTime() + 4_000), msPlayed: 60_000 },
      ],
    });
    await rebuildRollups(test.db, A);
    await rebuildRollups(test.db, B);
  });

  it("runs the play scans once for concurrent requests, then reuses them with the instant they ran", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => getUserChecks(test.db, A, NOW)));
    // The other 7 waited for the first run (shared) or came after it ended (hits): that depends on timing.
    const reused = () => userChecksCacheStats().hits + userChecksCacheStats().shared;
    expect([userChecksCacheStats().runs, reused()]).toEqual([1, 7]);
    const live = await runChecks(test.db, { userId: A, now: NOW });
    for (const result of results) {
      expect(result.checks).toEqual(live);
      expect(result.playsCheckedAt).toEqual(NOW);
    }
    const again = await getUserChecks(test.db, A, later(60_000));
    expect([userChecksCacheStats().runs, reused()]).toEqual([1, 8]);
    expect(again.playsCheckedAt).toEqual(NOW);
    expect(again.checkedAt).toEqual(later(60_000));
  });

  it("runs the scans again after the user's plays changed", async () => {
    expect(countOf(await getUserChecks(test.db, A, NOW), "no_duplicate_plays")).toBe(0);
    // A play 5 s after a stored one of the same track, written as every writer of plays does: with the rollups.
    await insertPlays(test.db, [{ userId: A, trackId: "t1", playedAt: new Date(PLAYED.getTime() + 5_000), msPlayed: 90_000 }]);
    await refreshRollups(test.db, A, PLAYED, new Date(PLAYED.getTime() + 6_000));
    const after = await getUserChecks(test.db, A, later(1_000));
    expect(countOf(after, "no_duplicate_plays")).toBe(1);
    expect(after.checks.find((check) => check.name === "no_duplicate_plays")?.ok).toBe(false);
    expect(after.playsCheckedAt).toEqual(later(1_000));
    expect(userChecksCacheStats().runs).toBe(2);
  });

  it("runs the scans again after a collection run covered the user", async () => {
    await getUserChecks(test.db, A, NOW);
    const run = await test.db.ingestRun.create({ data: { startedAt: NOW, finishedAt: NOW, status: "succeeded" } });
    await test.db.ingestRunUser.create({ data: { runId: run.id, userId: A, status: "ok", inserted: 0 } });
    expect((await getUserChecks(test.db, A, later(1_000))).playsCheckedAt).toEqual(later(1_000));
    expect(userChecksCacheStats().runs).toBe(2);
  });

  it("keeps results at most PLAY_SCAN_MAX_AGE_MS when a change bypasses the data version", async () => {
    await getUserChecks(test.db, A, NOW);
    // Written behind Encore's back (no rollup refresh): the version cannot see it.
    await test.db.play.updateMany({ where: { userId: A, trackId: "t1" }, data: { msPlayed: -1 } });
    const kept = await getUserChecks(test.db, A, later(PLAY_SCAN_MAX_AGE_MS - 1));
    expect(countOf(kept, "ms_played_in_range")).toBe(0);
    expect(kept.playsCheckedAt).toEqual(NOW);
    const rerun = await getUserChecks(test.db, A, later(PLAY_SCAN_MAX_AGE_MS));
    expect(countOf(rerun, "ms_played_in_range")).toBe(1);
    expect(rerun.playsCheckedAt).toEqual(later(PLAY_SCAN_MAX_AGE_MS));
    expect(userChecksCacheStats().runs).toBe(2);
  });

  it("runs the indexed checks on every request", async () => {
    await getUserChecks(test.db, A, NOW);
    await test.db.ingestRun.create({ data: { startedAt: new Date(NOW.getTime() - 2 * 3600_000), status: "running" } });
    const results = await getUserChecks(test.db, A, later(1_000));
    expect(results.checks.find((check) => check.name === "no_stuck_runs")).toMatchObject({ ok: false, count: 1 });
    expect(results.playsCheckedAt).toEqual(NOW);
    expect(userChecksCacheStats().runs).toBe(1);
  });

  it("keeps each user's results apart", async () => {
    const [ada, ben] = await Promise.all([getUserChecks(test.db, A, NOW), getUserChecks(test.db, B, NOW)]);
    expect(userChecksCacheStats().runs).toBe(2);
    expect(ada.checks).toEqual(await runChecks(test.db, { userId: A, now: NOW }));
    expect(ben.checks).toEqual(await runChecks(test.db, { userId: B, now: NOW }));
    expect([countOf(ada, "no_duplicate_plays"), countOf(ada, "ms_played_in_range")]).toEqual([0, 0]);
    expect([countOf(ben, "no_duplicate_plays"), countOf(ben, "ms_played_in_range")]).toEqual([1, 1]);
    // Ben's data changing leaves Ada's kept results alone.
    await insertPlays(test.db, [{ userId: B, trackId: "t1", playedAt: NOW, msPlayed: 1_000 }]);
    await refreshRollups(test.db, B, NOW, later(1));
    await getUserChecks(test.db, A, later(1_000));
    expect(userChecksCacheStats()).toMatchObject({ runs: 2, hits: 1 });
  });
});
