/**
 * lib/stats/report-cache.ts: identical concurrent requests compute one report; any write of the
 * user's data (plays + refreshRollups, a time-zone change, an import) is seen by the next read;
 * users never share entries; cached reports equal fresh ones.
 */
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getReport } from "@/lib/stats/report";
import { rebuildRollups, refreshRollups } from "@/lib/stats/rollups";
import { clearReportCache, getCachedReport, reportCacheStats } from "@/lib/stats/report-cache";
import { updateTimeZone } from "@/lib/account/account";
import { importSpotifyExport } from "@/lib/import";
import type { StatsFilter } from "@/lib/stats/types";
import { useTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, insertPlays } from "../../helpers/stats-fixtures";

vi.mock("@/lib/stats/report", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/stats/report")>();
  return { ...original, getReport: vi.fn(original.getReport) };
});

const A = "user-a";
const B = "user-b";
const NOW = new Date("2025-03-10T12:00:00.000Z");
const BASIC_EXPORT = path.join(process.cwd(), "tests/fixtures/export/basic");

function filter(overrides: Partial<StatsFilter> = {}): StatsFilter {
  return { userId: A, from: null, to: null, timeZone: "UTC", limit: 10, now: NOW, ...overrides };
}

describe("report cache", () => {
  const test = useTestDatabase();
  const computed = () => vi.mocked(getReport).mock.calls.length;

  beforeEach(async () => {
    await clearHistory(test.db);
    clearReportCache();
    vi.mocked(getReport).mockClear();
    await insertHistory(test.db, {
      users: [
        { id: A, spotifyId: "spotify-a", displayName: "Ada", timeZone: "UTC" },
        { id: B, spotifyId: "spotify-b", displayName: "Ben", timeZone: "UTC" },
      ],
      artists: [{ id: "ar1", name: "Artist One", genres: ["pop"] }],
      albums: [{ id: "al1", name: "Album One", totalTracks: 2 }],
      tracks: [
        { id: "t1", name: "Track One", durationMs: 200_000, albumId: "al1", artistIds: ["ar1"] },
        { id: "t2", name: "Track Two", durationMs: 180_000, albumId: "al1", artistIds: ["ar1"] },
      ],
      plays: [
        { userId: A, trackId: "t1", playedAt: new Date("2025-03-08T10:00:00.000Z"), msPlayed: 100_000 },
        { userId: A, trackId: "t2", playedAt: new Date("2025-03-09T23:30:00.000Z"), msPlayed: 120_000 },
        { userId: B, trackId: "t2", playedAt: new Date("2025-03-01T10:00:00.000Z"), msPlayed: 60_000 },
      ],
    });
    await rebuildRollups(test.db, A);
    await rebuildRollups(test.db, B);
  });

  it("runs getReport once for identical concurrent requests, then serves the stored report", async () => {
    const results = await Promise.all(Array.from({ length: 16 }, () => getCachedReport(test.db, filter())));
    expect(computed()).toBe(1);
    const fresh = await getReport(test.db, filter());
    for (const { report, lastPlayedAt } of results) {
      expect(report).toEqual(fresh);
      expect(lastPlayedAt).toEqual(new Date("2025-03-09T23:30:00.000Z"));
    }
    vi.mocked(getReport).mockClear();
    // Later the same local date: still the stored report.
    await getCachedReport(test.db, filter({ now: new Date("2025-03-10T23:59:00.000Z") }));
    expect(computed()).toBe(0);
    // The other 15 waited for the first or came after it ended, and so did the later one: hits.
    expect(reportCacheStats()).toEqual({ hits: 16, misses: 1 });
    // Another local date, limit, range or zone is another report.
    await getCachedReport(test.db, filter({ now: new Date("2025-03-11T00:00:00.000Z") }));
    await getCachedReport(test.db, filter({ limit: 5 }));
    await getCachedReport(test.db, filter({ from: new Date("2025-03-09T00:00:00.000Z") }));
    await getCachedReport(test.db, filter({ timeZone: "America/New_York" }));
    await getCachedReport(test.db, filter({ rankBy: "time" }));
    expect(computed()).toBe(5);
  });

  it("never shares entries between users", async () => {
    const [a, b] = await Promise.all([getCachedReport(test.db, filter()), getCachedReport(test.db, filter({ userId: B }))]);
    expect(computed()).toBe(2);
    expect(a.report.user.spotifyId).toBe("spotify-a");
    expect(b.report.user.spotifyId).toBe("spotify-b");
    expect(a.report.totals.plays).toBe(2);
    expect(b.report.totals.plays).toBe(1);
    // A write of B's does not recompute A's report.
    await insertPlays(test.db, [{ userId: B, trackId: "t1", playedAt: new Date("2025-03-02T10:00:00.000Z"), msPlayed: 90_000 }]);
    await refreshRollups(test.db, B, new Date("2025-03-02T10:00:00.000Z"), new Date("2025-03-02T10:00:00.001Z"));
    vi.mocked(getReport).mockClear();
    expect((await getCachedReport(test.db, filter())).report.totals.plays).toBe(2);
    expect((await getCachedReport(test.db, filter({ userId: B }))).report.totals.plays).toBe(2);
    expect(computed()).toBe(1);
  });

  it("sees a play inserted with refreshRollups at once", async () => {
    expect((await getCachedReport(test.db, filter())).report.totals.plays).toBe(2);
    // Earlier than the newest play, so only the data version tells.
    const playedAt = new Date("2025-03-05T10:00:00.000Z");
    await insertPlays(test.db, [{ userId: A, trackId: "t1", playedAt, msPlayed: 200_000 }]);
    await refreshRollups(test.db, A, playedAt, new Date(playedAt.getTime() + 1));
    const after = await getCachedReport(test.db, filter());
    expect(after.report.totals.plays).toBe(3);
    expect(after.report).toEqual(await getReport(test.db, filter()));
  });

  it("sees a time-zone change at once", async () => {
    const before = await getCachedReport(test.db, filter());
    expect(before.report.timeline.map((day) => day.date)).toEqual(["2025-03-08", "2025-03-09"]);
    await updateTimeZone(test.db, A, "Asia/Tokyo");
    // Pages read the zone from the user row: a new zone is another key, and the rollups were rebuilt.
    const after = await getCachedReport(test.db, filter({ timeZone: "Asia/Tokyo" }));
    expect(after.report.timeline.map((day) => day.date)).toEqual(["2025-03-08", "2025-03-10"]);
    // Back to UTC: the rebuild in UTC is a new data version, not the first UTC entry.
    vi.mocked(getReport).mockClear();
    await updateTimeZone(test.db, A, "UTC");
    await getCachedReport(test.db, filter());
    expect(computed()).toBe(1);
  });

  it("sees an import at once", async () => {
    const before = await getCachedReport(test.db, filter({ now: new Date("2030-01-01T00:00:00.000Z") }));
    await importSpotifyExport({ userId: A, inputs: [BASIC_EXPORT], now: new Date("2030-01-01T00:00:00.000Z") });
    const after = await getCachedReport(test.db, filter({ now: new Date("2030-01-01T00:00:00.000Z") }));
    expect(after.report.totals.plays).toBeGreaterThan(before.report.totals.plays);
    expect(after.report).toEqual(await getReport(test.db, filter({ now: new Date("2030-01-01T00:00:00.000Z") })));
  });

  it("does not share the current streak across instants when a play lies after now", async () => {
    const early = new Date("2025-03-09T12:00:00.000Z"); // before the 23:30 play of the same date
    const late = new Date("2025-03-09T23:45:00.000Z");
    const first = await getCachedReport(test.db, filter({ now: early }));
    const second = await getCachedReport(test.db, filter({ now: late }));
    expect(first.report.streaks.current).toEqual((await getReport(test.db, filter({ now: early }))).streaks.current);
    expect(second.report.streaks.current).toEqual((await getReport(test.db, filter({ now: late }))).streaks.current);
    expect(second.report.streaks.current.days).toBe(2);
    expect(first.report.streaks.current).toEqual({ days: 1, start: "2025-03-08", end: "2025-03-08" });
  });

  it("shows what a collection run covering the user read (genres: no play changes) as soon as the run ends", async () => {
    expect((await getCachedReport(test.db, filter())).report.topGenres.map((genre) => genre.name)).toEqual(["pop"]);
    expect((await getCachedReport(test.db, filter({ userId: B }))).report.topGenres.map((genre) => genre.name)).toEqual(["pop"]);
    // A run reads the artist's details: a catalogue-only change, no user's data version moves.
    await test.db.artist.update({ where: { id: "ar1" }, data: { genres: ["jazz"] } });
    expect((await getCachedReport(test.db, filter())).report.topGenres.map((genre) => genre.name)).toEqual(["pop"]);
    // The run ends, recording the users it covered (A only, e.g. A's sign-in collection).
    const run = await test.db.ingestRun.create({ data: { trigger: "signin", userIds: [A], status: "succeeded", finishedAt: new Date() } });
    await test.db.ingestRunUser.create({ data: { runId: run.id, userId: A, status: "ok" } });
    vi.mocked(getReport).mockClear();
    const after = await getCachedReport(test.db, filter());
    expect(after.report.topGenres.map((genre) => genre.name)).toEqual(["jazz"]);
    expect(after.report).toEqual(await getReport(test.db, filter()));
    // B was not covered: B's entry stands until CATALOGUE_TTL_MS bounds it.
    vi.mocked(getReport).mockClear();
    expect((await getCachedReport(test.db, filter({ userId: B }))).report.topGenres.map((genre) => genre.name)).toEqual(["pop"]);
    expect(computed()).toBe(0);
  });

  it("shows a new display name without recomputing", async () => {
    await getCachedReport(test.db, filter());
    await test.db.user.update({ where: { id: A }, data: { displayName: "Ada L." } });
    vi.mocked(getReport).mockClear();
    expect((await getCachedReport(test.db, filter())).report.user.displayName).toBe("Ada L.");
    expect(computed()).toBe(0);
  });
});
