/**
 * Figures cached per data version (lib/stats/figures-cache.ts) for the artist page and its 404
 * check (lib/stats/artist-report-cache.ts) and the following page's suggestions
 * (lib/following/follow-suggestions.ts): identical concurrent requests compute once; another key
 * or user is another entry; a write of the user's plays is seen by the next read, one of another
 * user's recomputes nothing; cached results equal fresh ones.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getArtistReport } from "@/lib/stats/artistReport";
import { getTopArtists } from "@/lib/stats/topArtists";
import { catalogueImagesOf } from "@/lib/catalog/images";
import { rebuildRollups, refreshRollups } from "@/lib/stats/rollups";
import { artistCacheStats, clearArtistCache, getCachedArtistFigures, getCachedPlayedArtist } from "@/lib/stats/artist-report-cache";
import { clearFollowSuggestionsCache, followSuggestionsCacheStats, getFollowSuggestions } from "@/lib/following/follow-suggestions";
import type { StatsFilter } from "@/lib/stats/types";
import { useTestDatabase, type ScopedTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, insertPlays, type FixturePlay } from "../../helpers/stats-fixtures";

vi.mock("@/lib/stats/artistReport", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/stats/artistReport")>();
  return { ...original, getArtistReport: vi.fn(original.getArtistReport) };
});
vi.mock("@/lib/stats/topArtists", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/stats/topArtists")>();
  return { ...original, getTopArtists: vi.fn(original.getTopArtists) };
});

const A = "user-a";
const B = "user-b";

function filter(overrides: Partial<StatsFilter> = {}): StatsFilter {
  return { userId: A, from: null, to: null, timeZone: "UTC", limit: 10, now: new Date("2025-03-10T09:00:00.000Z"), ...overrides };
}

/** `count` streams of the track, one a day from February `firstDay` of 2025. */
function plays(userId: string, trackId: string, count: number, firstDay = 1): FixturePlay[] {
  return Array.from({ length: count }, (_, i) => ({ userId, trackId, playedAt: new Date(Date.UTC(2025, 1, firstDay + i, 12)), msPlayed: 200_000 }));
}

/** A new stream of the user's, earlier than their newest play (only the data version tells), with its rollups. */
async function playEarlier(db: ScopedTestDatabase["db"], userId: string, trackId: string, at: string): Promise<void> {
  const playedAt = new Date(at);
  await insertPlays(db, [{ userId, trackId, playedAt, msPlayed: 200_000 }]);
  await refreshRollups(db, userId, playedAt, new Date(playedAt.getTime() + 1));
}

describe("figures caches", () => {
  const test = useTestDatabase();
  const reports = () => vi.mocked(getArtistReport).mock.calls.length;
  const tops = () => vi.mocked(getTopArtists).mock.calls.length;

  beforeEach(async () => {
    await clearHistory(test.db);
    clearArtistCache();
    clearFollowSuggestionsCache();
    vi.mocked(getArtistReport).mockClear();
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
      albums: [{ id: "al1", name: "First", totalTracks: 2 }],
      tracks: [
        { id: "t1", name: "One", durationMs: 200_000, artistIds: ["ar1"], albumId: "al1" },
        { id: "t2", name: "Two", durationMs: 200_000, artistIds: ["ar2"] },
        { id: "t3", name: "Three", durationMs: 200_000, artistIds: ["ar3"] },
      ],
      plays: [...plays(A, "t1", 5), ...plays(A, "t2", 3), ...plays(B, "t1", 9), ...plays(B, "t3", 4)],
    });
    await test.db.album.update({ where: { id: "al1" }, data: { imageUrl: "https://i.scdn.co/image/al1" } });
    await test.db.artist.update({ where: { id: "ar1" }, data: { imageUrl: "https://i.scdn.co/image/ar1" } });
    await rebuildRollups(test.db, A);
    await rebuildRollups(test.db, B);
  });

  it("artist page: computed once for identical concurrent requests; the figures and artwork are the fresh ones", async () => {
    const all = await Promise.all(Array.from({ length: 16 }, () => getCachedArtistFigures(test.db, filter(), "ar1")));
    expect(reports()).toBe(1);
    expect(artistCacheStats()).toEqual({ hits: 15, misses: 1 });
    const fresh = await getArtistReport(test.db, filter(), "ar1");
    expect(fresh?.totals.streams).toBe(5);
    const images = await catalogueImagesOf(test.db, { artists: [], albums: ["al1"], tracks: ["t1"] });
    for (const figures of all) expect(figures).toEqual({ report: fresh, artwork: { tracks: images.tracks, albums: images.albums } });
    expect(all[0]?.artwork.albums).toEqual({ al1: "https://i.scdn.co/image/al1" });

    // Another artist, range, zone, limit or user is another entry; `now` alone (the same range) is not.
    vi.mocked(getArtistReport).mockClear();
    await getCachedArtistFigures(test.db, filter(), "ar2");
    await getCachedArtistFigures(test.db, filter({ from: new Date("2025-02-03T00:00:00.000Z") }), "ar1");
    await getCachedArtistFigures(test.db, filter({ timeZone: "Asia/Tokyo" }), "ar1");
    await getCachedArtistFigures(test.db, filter({ limit: 3 }), "ar1");
    const other = await getCachedArtistFigures(test.db, filter({ userId: B }), "ar1");
    expect(reports()).toBe(5);
    expect(other?.report.totals.streams).toBe(9);
    await getCachedArtistFigures(test.db, filter({ now: new Date("2025-03-11T23:00:00.000Z") }), "ar1");
    expect(reports()).toBe(5);
  });

  it("artist page: a play written with refreshRollups is seen at once, and another user's recomputes nothing", async () => {
    expect((await getCachedArtistFigures(test.db, filter(), "ar1"))?.report.totals.streams).toBe(5);
    await getCachedArtistFigures(test.db, filter({ userId: B }), "ar1");
    await playEarlier(test.db, A, "t1", "2025-02-02T18:00:00.000Z");
    vi.mocked(getArtistReport).mockClear();
    const after = await getCachedArtistFigures(test.db, filter(), "ar1");
    expect(after?.report.totals.streams).toBe(6);
    expect(after?.report).toEqual(await getArtistReport(test.db, filter(), "ar1"));
    vi.mocked(getArtistReport).mockClear();
    await getCachedArtistFigures(test.db, filter({ userId: B }), "ar1");
    expect(reports()).toBe(0);
  });

  it("artist page's 404 check: the artist when the user played it, only theirs, and a first play of it is seen at once", async () => {
    expect(await getCachedPlayedArtist(test.db, A, "ar1")).toEqual({ id: "ar1", name: "Often", genres: [], image_url: "https://i.scdn.co/image/ar1" });
    expect(await getCachedPlayedArtist(test.db, A, "ar1")).toEqual(await getCachedPlayedArtist(test.db, A, "ar1"));
    // Ben's artist is not Ada's, however often asked; an unknown id neither.
    expect(await getCachedPlayedArtist(test.db, A, "ar3")).toBeNull();
    expect(await getCachedPlayedArtist(test.db, A, "ar3")).toBeNull();
    expect(await getCachedPlayedArtist(test.db, A, "unknown")).toBeNull();
    expect(await getCachedPlayedArtist(test.db, B, "ar3")).toMatchObject({ id: "ar3", name: "Only Ben's" });
    // Her first play of it (with its rollups, as every write of plays): found on the next read.
    await playEarlier(test.db, A, "t3", "2025-02-02T18:00:00.000Z");
    expect(await getCachedPlayedArtist(test.db, A, "ar3")).toMatchObject({ id: "ar3" });
  });

  it("follow suggestions: the range's top artists with their portraits, once per data version, only from the user's own plays", async () => {
    const all = await Promise.all(Array.from({ length: 8 }, () => getFollowSuggestions(test.db, filter({ limit: 5 }))));
    expect(tops()).toBe(1);
    expect(followSuggestionsCacheStats()).toEqual({ hits: 7, misses: 1 });
    for (const suggestions of all) {
      expect(suggestions.artists.map((artist) => [artist.id, artist.streams])).toEqual([
        ["ar1", 5],
        ["ar2", 3],
      ]);
      expect(suggestions.images).toEqual({ ar1: "https://i.scdn.co/image/ar1" });
    }
    expect((await getFollowSuggestions(test.db, filter({ userId: B, limit: 5 }))).artists.map((artist) => artist.id)).toEqual(["ar1", "ar3"]);
    expect((await getFollowSuggestions(test.db, filter({ limit: 1 }))).artists.map((artist) => artist.id)).toEqual(["ar1"]);
    expect(tops()).toBe(3);

    for (const at of ["2025-02-01T18:00:00.000Z", "2025-02-01T19:00:00.000Z", "2025-02-01T20:00:00.000Z"]) await playEarlier(test.db, A, "t2", at);
    expect((await getFollowSuggestions(test.db, filter({ limit: 5 }))).artists.map((artist) => [artist.id, artist.streams])).toEqual([
      ["ar2", 6],
      ["ar1", 5],
    ]);
  });
});
