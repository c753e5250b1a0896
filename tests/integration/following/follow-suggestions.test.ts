/**
 * lib/following/follow-suggestions.ts: the following page's suggestions are the range's top
 * artists with their portraits, computed once per data version and key, never another user's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getTopArtists } from "@/lib/stats/topArtists";
import { rebuildRollups, refreshRollups } from "@/lib/stats/rollups";
import { clearFollowSuggestionsCache, followSuggestionsCacheStats, getFollowSuggestions } from "@/lib/following/follow-suggestions";
import type { StatsFilter } from "@/lib/stats/types";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, insertPlays, type FixturePlay } from "../../helpers/stats-fixtures";

vi.mock("@/lib/stats/topArtists", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/stats/topArtists")>();
  return { ...original, getTopArtists: vi.fn(original.getTopArtists) };
});

const A = "user-a";
const B = "user-b";

function filter(overrides: Partial<StatsFilter> = {}): StatsFilter {
  return { userId: A, from: null, to: null, timeZone: "UTC", limit: 5, now: new Date("2025-03-10T09:00:00.000Z"), ...overrides };
}

function plays(userId: string, trackId: string, count: number): FixturePlay[] {
  return Array.from({ length: count }, (_, i) => ({ userId, trackId, playedAt: new Date(Date.UTC(2025, 1, 1 + i, 12)), msPlayed: 200_000 }));
}

describe("follow suggestions", () => {
  let test: TestDatabase;
  const computed = () => vi.mocked(getTopArtists).mock.calls.length;

  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test.drop();
  });
  beforeEach(async () => {
    await clearHistory(test.db);
    clearFollowSuggestionsCache();
    vi.mocked(getTopArtists).mockClear();
    await insertHistory(test.db, {
      users: [
        { id: A, spotifyId: "spotify-a", displayName: "Ada", timeZone: "UTC" },
        { id: B, spotifyId: "spotify-b", displayName: "Ben", timeZone: "UTC" },
      ],
      artists: [
        { id: "ar1", name: "Often" },
        { id: "ar2", name: "Seldom" },
        { id: "ar3", name: "Only Ben's" },
      ],
      albums: [],
      tracks: [
        { id: "t1", name: "One", durationMs: 200_000, artistIds: ["ar1"] },
        { id: "t2", name: "Two", durationMs: 200_000, artistIds: ["ar2"] },
        { id: "t3", name: "Three", durationMs: 200_000, artistIds: ["ar3"] },
      ],
      plays: [...plays(A, "t1", 4), ...plays(A, "t2", 2), ...plays(B, "t3", 9)],
    });
    await test.db.artist.update({ where: { id: "ar1" }, data: { imageUrl: "https://i.scdn.co/image/ar1" } });
    await rebuildRollups(test.db, A);
    await rebuildRollups(test.db, B);
  });

  it("suggests the range's top artists with their portraits, once per data version, only from the user's own plays", async () => {
    const all = await Promise.all(Array.from({ length: 8 }, () => getFollowSuggestions(test.db, filter())));
    expect(computed()).toBe(1);
    expect(followSuggestionsCacheStats()).toEqual({ hits: 7, misses: 1 });
    for (const suggestions of all) {
      expect(suggestions.artists.map((artist) => [artist.id, artist.streams])).toEqual([
        ["ar1", 4],
        ["ar2", 2],
      ]);
      expect(suggestions.images).toEqual({ ar1: "https://i.scdn.co/image/ar1" });
    }
    expect((await getFollowSuggestions(test.db, filter({ userId: B }))).artists.map((artist) => artist.id)).toEqual(["ar3"]);
    expect((await getFollowSuggestions(test.db, filter({ limit: 1 }))).artists.map((artist) => artist.id)).toEqual(["ar1"]);
    expect(computed()).toBe(3);

    // A new play of the user's (earlier than the newest: only the data version tells) is seen at once.
    const playedAt = new Date("2025-02-01T18:00:00.000Z");
    await insertPlays(test.db, [0, 1, 2].map((i) => ({ userId: A, trackId: "t2", playedAt: new Date(playedAt.getTime() + i * 60_000), msPlayed: 200_000 })));
    await refreshRollups(test.db, A, playedAt, new Date(playedAt.getTime() + 180_000));
    expect((await getFollowSuggestions(test.db, filter())).artists.map((artist) => [artist.id, artist.streams])).toEqual([
      ["ar2", 5],
      ["ar1", 4],
    ]);
  });
});
