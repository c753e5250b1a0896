/**
 * lib/stats/trends-cache.ts: identical concurrent requests compute the trends page once; the
 * same local date D shares the page whatever the time of day (trends.now is the request's);
 * another D, zone, limit or user is another page; any write of the user's plays is seen by the
 * next read; cached pages equal fresh ones.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getTrendsPage } from "@/lib/stats/trends";
import { rebuildRollups, refreshRollups } from "@/lib/stats/rollups";
import { clearTrendsCache, getCachedTrendsPage, trendsCacheStats } from "@/lib/stats/trends-cache";
import { addDays } from "@/lib/stats/local-time";
import type { TrendsFilter } from "@/lib/stats/trend-types";
import { useTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, insertPlays, type FixturePlay } from "../../helpers/stats-fixtures";

vi.mock("@/lib/stats/trends", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/stats/trends")>();
  return { ...original, getTrendsPage: vi.fn(original.getTrendsPage) };
});

const A = "user-a";
const B = "user-b";
const D = "2025-03-10";
const NOW = new Date(`${D}T09:00:00.000Z`);

function filter(overrides: Partial<TrendsFilter> = {}): TrendsFilter {
  return { userId: A, timeZone: "UTC", now: NOW, limit: 10, ...overrides };
}

/** `perDay` streams of `trackId` on every date of [from, to]. */
function daily(userId: string, trackId: string, from: string, to: string, perDay: number): FixturePlay[] {
  const plays: FixturePlay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (let i = 0; i < perDay; i++) plays.push({ userId, trackId, playedAt: new Date(`${date}T0${i}:30:00.000Z`), msPlayed: 200_000 });
  }
  return plays;
}

describe("trends cache", () => {
  const test = useTestDatabase();
  const computed = () => vi.mocked(getTrendsPage).mock.calls.length;

  beforeEach(async () => {
    await clearHistory(test.db);
    clearTrendsCache();
    vi.mocked(getTrendsPage).mockClear();
    await insertHistory(test.db, {
      users: [
        { id: A, spotifyId: "spotify-a", displayName: "Ada", timeZone: "UTC" },
        { id: B, spotifyId: "spotify-b", displayName: "Ben", timeZone: "UTC" },
      ],
      artists: [
        { id: "ar1", name: "Steady" },
        { id: "ar2", name: "Riser" },
      ],
      albums: [],
      tracks: [
        { id: "t1", name: "Every Day", durationMs: 200_000, artistIds: ["ar1"] },
        { id: "t2", name: "Lately", durationMs: 200_000, artistIds: ["ar2"] },
      ],
      plays: [
        ...daily(A, "t1", "2024-08-01", D, 1),
        ...daily(A, "t2", addDays(D, -6), D, 2), // rising: 14 recent, none before
        ...daily(B, "t1", "2024-08-01", D, 1),
      ],
    });
    await rebuildRollups(test.db, A);
    await rebuildRollups(test.db, B);
  });

  it("computes the page once for identical concurrent requests, and serves it for the rest of the local date", async () => {
    const pages = await Promise.all(Array.from({ length: 16 }, () => getCachedTrendsPage(test.db, filter())));
    expect(computed()).toBe(1);
    const fresh = await getTrendsPage(test.db, filter());
    for (const page of pages) expect(page).toEqual(fresh);
    expect(fresh.trends.risingArtists.map((item) => item.id)).toEqual(["ar2"]);
    expect(trendsCacheStats()).toEqual({ hits: 15, misses: 1 });

    // Later the same local date: the stored page, with the request's own instant.
    vi.mocked(getTrendsPage).mockClear();
    const late = new Date(`${D}T23:59:00.000Z`);
    const later = await getCachedTrendsPage(test.db, filter({ now: late }));
    expect(computed()).toBe(0);
    expect(later.trends.now).toBe(late.toISOString());
    expect(later).toEqual(await getTrendsPage(test.db, filter({ now: late })));

    // Another local date, zone, limit or user is another page.
    vi.mocked(getTrendsPage).mockClear();
    await getCachedTrendsPage(test.db, filter({ now: new Date(`${addDays(D, 1)}T00:00:00.000Z`) }));
    await getCachedTrendsPage(test.db, filter({ timeZone: "Asia/Tokyo" }));
    await getCachedTrendsPage(test.db, filter({ limit: 3 }));
    const other = await getCachedTrendsPage(test.db, filter({ userId: B }));
    expect(computed()).toBe(4);
    expect(other.trends.risingArtists).toEqual([]);
  });

  it("sees a play written with refreshRollups at once, and a write of another user's recomputes nothing", async () => {
    expect((await getCachedTrendsPage(test.db, filter())).trends.risingArtists[0]).toMatchObject({ id: "ar2", recent: 14 });
    await getCachedTrendsPage(test.db, filter({ userId: B }));
    // Earlier than the newest play, so only the data version tells.
    const playedAt = new Date(`${addDays(D, -3)}T12:00:00.000Z`);
    await insertPlays(test.db, [{ userId: A, trackId: "t2", playedAt, msPlayed: 200_000 }]);
    await refreshRollups(test.db, A, playedAt, new Date(playedAt.getTime() + 1));
    vi.mocked(getTrendsPage).mockClear();
    const after = await getCachedTrendsPage(test.db, filter());
    expect(after.trends.risingArtists[0]).toMatchObject({ id: "ar2", recent: 15 });
    expect(after).toEqual(await getTrendsPage(test.db, filter()));
    vi.mocked(getTrendsPage).mockClear();
    await getCachedTrendsPage(test.db, filter({ userId: B }));
    expect(computed()).toBe(0);
  });
});
