/**
 * lib/stats/artist-report-cache.ts: identical concurrent requests compute an artist page's figures
 * once; another artist, range, zone, limit or user is another entry; any write of the user's plays
 * is seen by the next read; cached figures equal fresh ones, artwork included.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getArtistReport } from "@/lib/stats/artistReport";
import { catalogueImagesOf } from "@/lib/catalog/images";
import { rebuildRollups, refreshRollups } from "@/lib/stats/rollups";
import { artistCacheStats, clearArtistCache, getCachedArtistFigures } from "@/lib/stats/artist-report-cache";
import type { StatsFilter } from "@/lib/stats/types";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, insertPlays, type FixturePlay } from "../../helpers/stats-fixtures";

vi.mock("@/lib/stats/artistReport", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/stats/artistReport")>();
  return { ...original, getArtistReport: vi.fn(original.getArtistReport) };
});

const A = "user-a";
const B = "user-b";
const NOW = new Date("2025-03-10T09:00:00.000Z");

function filter(overrides: Partial<StatsFilter> = {}): StatsFilter {
  return { userId: A, from: null, to: null, timeZone: "UTC", limit: 10, now: NOW, ...overrides };
}

function plays(userId: string, trackId: string, count: number, firstDay: number): FixturePlay[] {
  return Array.from({ length: count }, (_, i) => ({ userId, trackId, playedAt: new Date(Date.UTC(2025, 1, firstDay + i, 12)), msPlayed: 200_000 }));
}

describe("artist page cache", () => {
  let test: TestDatabase;
  const computed = () => vi.mocked(getArtistReport).mock.calls.length;

  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test.drop();
  });
  beforeEach(async () => {
    await clearHistory(test.db);
    clearArtistCache();
    vi.mocked(getArtistReport).mockClear();
    await insertHistory(test.db, {
      users: [
        { id: A, spotifyId: "spotify-a", displayName: "Ada", timeZone: "UTC" },
        { id: B, spotifyId: "spotify-b", displayName: "Ben", timeZone: "UTC" },
      ],
      artists: [
        { id: "ar1", name: "Steady" },
        { id: "ar2", name: "Other" },
      ],
      albums: [{ id: "al1", name: "First", totalTracks: 2 }],
      tracks: [
        { id: "t1", name: "One", durationMs: 200_000, artistIds: ["ar1"], albumId: "al1" },
        { id: "t2", name: "Two", durationMs: 200_000, artistIds: ["ar2"] },
      ],
      plays: [...plays(A, "t1", 5, 1), ...plays(A, "t2", 3, 1), ...plays(B, "t1", 9, 1)],
    });
    await test.db.album.update({ where: { id: "al1" }, data: { imageUrl: "https://i.scdn.co/image/al1" } });
    await rebuildRollups(test.db, A);
    await rebuildRollups(test.db, B);
  });

  it("computes once for identical concurrent requests; the figures and artwork are the fresh ones", async () => {
    const all = await Promise.all(Array.from({ length: 16 }, () => getCachedArtistFigures(test.db, filter(), "ar1")));
    expect(computed()).toBe(1);
    expect(artistCacheStats()).toEqual({ hits: 15, misses: 1 });
    const fresh = await getArtistReport(test.db, filter(), "ar1");
    expect(fresh?.totals.streams).toBe(5);
    const images = await catalogueImagesOf(test.db, { artists: [], albums: ["al1"], tracks: ["t1"] });
    for (const figures of all) expect(figures).toEqual({ report: fresh, artwork: { tracks: images.tracks, albums: images.albums } });
    expect(all[0]?.artwork.albums).toEqual({ al1: "https://i.scdn.co/image/al1" });

    // Another artist, range, zone, limit or user is another entry.
    vi.mocked(getArtistReport).mockClear();
    await getCachedArtistFigures(test.db, filter(), "ar2");
    await getCachedArtistFigures(test.db, filter({ from: new Date("2025-02-03T00:00:00.000Z") }), "ar1");
    await getCachedArtistFigures(test.db, filter({ timeZone: "Asia/Tokyo" }), "ar1");
    await getCachedArtistFigures(test.db, filter({ limit: 3 }), "ar1");
    const other = await getCachedArtistFigures(test.db, filter({ userId: B }), "ar1");
    expect(computed()).toBe(5);
    expect(other?.report.totals.streams).toBe(9);
    // `now` alone (the same range) is the same entry.
    await getCachedArtistFigures(test.db, filter({ now: new Date("2025-03-11T23:00:00.000Z") }), "ar1");
    expect(computed()).toBe(5);
  });

  it("sees a play written with refreshRollups at once, and a write of another user's recomputes nothing", async () => {
    expect((await getCachedArtistFigures(test.db, filter(), "ar1"))?.report.totals.streams).toBe(5);
    await getCachedArtistFigures(test.db, filter({ userId: B }), "ar1");
    // Earlier than the newest play, so only the data version tells.
    const playedAt = new Date("2025-02-02T18:00:00.000Z");
    await insertPlays(test.db, [{ userId: A, trackId: "t1", playedAt, msPlayed: 200_000 }]);
    await refreshRollups(test.db, A, playedAt, new Date(playedAt.getTime() + 1));
    vi.mocked(getArtistReport).mockClear();
    const after = await getCachedArtistFigures(test.db, filter(), "ar1");
    expect(after?.report.totals.streams).toBe(6);
    expect(after?.report).toEqual(await getArtistReport(test.db, filter(), "ar1"));
    vi.mocked(getArtistReport).mockClear();
    await getCachedArtistFigures(test.db, filter({ userId: B }), "ar1");
    expect(computed()).toBe(0);
  });
});
