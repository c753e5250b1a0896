/**
 * The artist report (SPEC 5c) against the in-memory reference of tests/helpers: seeded random
 * histories over four months with DST changes in both hemispheres, plays on local month ends,
 * tied names and figures, tracks crediting several artists (one artist twice), three users
 * (isolation); from raw plays and from rollups, in the users' zones and others.
 */
import { describe, expect, it } from "vitest";
import { getArtistReport, type ArtistReport } from "@/lib/stats/artistReport";
import { getArtistMonths } from "@/lib/stats/artistMonths";
import { planStats } from "@/lib/stats/plan";
import { rebuildRollups } from "@/lib/stats/rollups";
import { addDays, localDateOf, startOfLocalDate } from "@/lib/stats/local-time";
import type { StatsFilter } from "@/lib/stats/types";
import { SeededRandom } from "@/lib/simulator/random";
import { useTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, type FixturePlay, type History } from "../../helpers/stats-fixtures";
import { referenceArtistMonths, referenceArtistReport } from "../../helpers/artist-report-reference";

const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Chatham", "Asia/Kolkata"];
const NAMES = ["Abba", "abba", "Zoë", "Zoe", "\u{1F600} Smile", "\uFF5E Wave", "Bach", "Bach", "Ä"];
const START = Date.UTC(2025, 1, 20); // late February: March's month end, both DST changes, April's month end, ...
const DAYS = 110;

function randomHistory(seed: number): { history: History; random: () => number } {
  const rng = new SeededRandom(`artist-report:${seed}`);
  const random = () => rng.next();
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const artists = Array.from({ length: int(4, 8) }, (_, i) => ({ id: `ar${seed}_${i}`, name: pick(NAMES), genres: random() < 0.5 ? [] : [pick(["pop", "rock", "jazz"])] }));
  const albums = Array.from({ length: int(2, 4) }, (_, i) => ({ id: `al${seed}_${i}`, name: pick(NAMES), totalTracks: int(1, 5) }));
  const tracks = Array.from({ length: int(6, 14) }, (_, i) => {
    const credited = Array.from({ length: random() < 0.4 ? int(2, 3) : 1 }, () => pick(artists).id); // may credit one artist twice
    return { id: `tr${seed}_${i}`, name: pick(NAMES), durationMs: random() < 0.15 ? null : pick([30_000, 180_000, 180_000]), albumId: random() < 0.2 ? null : pick(albums).id, artistIds: credited };
  });
  const users = Array.from({ length: 3 }, (_, i) => ({ id: `user${seed}_${i}`, spotifyId: `spotify${seed}_${i}`, timeZone: pick(ZONES) }));
  const plays: FixturePlay[] = [];
  const seen = new Set<string>();
  const add = (userId: string, trackId: string, at: number, msPlayed: number | null) => {
    const key = `${userId}|${trackId}|${at}`;
    if (seen.has(key)) return;
    seen.add(key);
    plays.push({ userId, trackId, playedAt: new Date(at), msPlayed });
  };
  for (const user of users) {
    // The last user plays only some tracks: artists the others play stay unknown to them.
    const own = user === users[2] ? tracks.filter(() => random() < 0.4) : tracks;
    if (own.length === 0) continue;
    let at = START + int(0, 86_400_000);
    for (let i = 0; i < int(40, 220) && at < START + DAYS * 86_400_000; i++) {
      add(user.id, pick(own).id, at, pick([null, null, 29_999, 30_000, 180_000, 180_000, 5_000]));
      at += pick([60_000, 3_600_000, 20 * 3_600_000, 86_400_000, 26 * 3_600_000, 3 * 86_400_000]);
    }
    // Plays on both sides of local month ends.
    for (const month of ["2025-03-01", "2025-04-01", "2025-05-01"]) {
      const boundary = startOfLocalDate(month, user.timeZone).getTime();
      add(user.id, pick(own).id, boundary - 1, null);
      add(user.id, pick(own).id, boundary, 200_000);
    }
  }
  return { history: { users, artists, albums, tracks, plays }, random };
}

function randomFilters(history: History, random: () => number): StatsFilter[] {
  const filters: StatsFilter[] = [];
  for (const user of history.users) {
    for (let i = 0; i < 4; i++) {
      const timeZone = i === 3 ? ZONES[Math.floor(random() * ZONES.length)] : user.timeZone;
      const instant = () => new Date(START - 5 * 86_400_000 + Math.floor(random() * (DAYS + 10) * 86_400_000));
      const day = () => startOfLocalDate(localDateOf(instant(), timeZone), timeZone);
      let from: Date | null = null;
      let to: Date | null = null;
      if (i === 1) [from, to] = [day(), day()]; // day-aligned: the rollups answer
      if (i === 2) [from, to] = [random() < 0.5 ? instant() : null, instant()]; // instants: raw plays
      if (i === 3 && random() < 0.5) {
        const first = localDateOf(new Date(START + 20 * 86_400_000), timeZone);
        [from, to] = [startOfLocalDate(first, timeZone), startOfLocalDate(addDays(first, 45), timeZone)];
      }
      if (from && to && from > to) [from, to] = [to, from];
      filters.push({ userId: user.id, from, to, timeZone, limit: 1 + Math.floor(random() * 4), now: new Date(START + DAYS * 86_400_000) });
    }
  }
  return filters;
}

function figures(report: ArtistReport | null) {
  if (!report) return null;
  const { user: _user, range: _range, ...rest } = report;
  void _user;
  void _range;
  return { ...rest, totals: { ...rest.totals, share: null } };
}

describe("artist report (SPEC 5c)", () => {
  const test = useTestDatabase();

  const SEEDS = Array.from({ length: 8 }, (_, i) => 31 + i * 7717);

  it.each(SEEDS)("seed %i: every artist for every user and range, from raw plays and from rollups, equals the reference", async (seed) => {
    const { history, random } = randomHistory(seed);
    await clearHistory(test.db);
    await insertHistory(test.db, history);
    const filters = randomFilters(history, random);
    const check = async (label: string) => {
      let found = 0;
      for (const filter of filters) {
        for (const artist of [...history.artists, { id: "unknown-artist" }]) {
          const actual = await getArtistReport(test.db, filter, artist.id);
          const expected = referenceArtistReport(history, filter, artist.id);
          const where = `${label} seed ${seed} artist ${artist.id} ${JSON.stringify(filter)}`;
          expect(figures(actual), where).toEqual(expected === null ? null : { ...expected, totals: { ...expected.totals, share: null } });
          if (!actual || !expected) continue;
          found++;
          expect(actual.user.spotifyId).toBe(history.users.find((u) => u.id === filter.userId)!.spotifyId);
          expect(actual.range).toEqual({ from: filter.from?.toISOString() ?? null, to: filter.to?.toISOString() ?? null });
          if (expected.totals.share === null) expect(actual.totals.share, where).toBeNull();
          else expect(Math.abs(actual.totals.share! - expected.totals.share) / expected.totals.share, where).toBeLessThan(1e-9);
        }
        const ids = history.artists.map((a) => a.id);
        const months = await getArtistMonths(test.db, filter, ids);
        for (const id of ids) expect(months.get(id), `${label} months of ${id}`).toEqual(referenceArtistMonths(history, filter, id));
      }
      expect(found).toBeGreaterThan(0);
    };
    await check("raw plays");
    for (const user of history.users) await rebuildRollups(test.db, user.id);
    const plans = await Promise.all(filters.map((filter) => planStats(test.db, filter)));
    expect(plans.filter((plan) => plan.days !== null).length).toBeGreaterThan(0);
    await check("rollups");
  });

  it("ranges of whole years, with months and days around them, read year buckets and equal the reference", async () => {
    const rng = new SeededRandom("artist-report:years");
    const random = () => rng.next();
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const zone = "America/New_York";
    const artists = ["x", "y", "z", "w"].map((id) => ({ id, name: id === "w" ? "X" : id.toUpperCase() }));
    const tracks = [
      { id: "t1", name: "One", durationMs: 180_000, albumId: null, artistIds: ["x"] },
      { id: "t2", name: "Two", durationMs: null, albumId: null, artistIds: ["x", "y", "x"] },
      { id: "t3", name: "Three", durationMs: 60_000, albumId: null, artistIds: ["z"] },
      { id: "t4", name: "Four", durationMs: 90_000, albumId: null, artistIds: ["w", "y"] },
    ];
    const plays: FixturePlay[] = [];
    // Every ~5 days from mid-2023 to early 2027, plus plays on both sides of local year starts.
    for (let at = Date.UTC(2023, 6, 3, 15); at < Date.UTC(2027, 1, 20); at += 5 * 86_400_000 + 3_600_000) {
      plays.push({ userId: "u", trackId: pick(tracks).id, playedAt: new Date(at), msPlayed: pick([null, 29_999, 30_000, 200_000]) });
    }
    for (const year of ["2024-01-01", "2025-01-01", "2026-01-01", "2027-01-01"]) {
      const start = startOfLocalDate(year, zone).getTime();
      plays.push({ userId: "u", trackId: "t2", playedAt: new Date(start - 1), msPlayed: null });
      plays.push({ userId: "u", trackId: "t4", playedAt: new Date(start), msPlayed: 120_000 });
    }
    const history: History = { users: [{ id: "u", spotifyId: "listener-u", timeZone: zone }], artists, albums: [], tracks, plays };
    await clearHistory(test.db);
    await insertHistory(test.db, history);
    await rebuildRollups(test.db, "u");
    const day = (date: string) => startOfLocalDate(date, zone);
    const ranges: Array<[Date | null, Date | null]> = [
      [null, null],
      [day("2025-01-01"), day("2026-01-01")],
      [day("2024-01-01"), day("2026-01-01")],
      [day("2023-11-17"), day("2026-08-09")], // days, months, years, months, days
      [null, day("2025-03-01")],
      [day("2024-06-01"), null],
      [day("2024-12-31"), day("2025-01-02")],
    ];
    for (const [from, to] of ranges) {
      const filter: StatsFilter = { userId: "u", from, to, timeZone: zone, limit: 3, now: new Date(Date.UTC(2027, 2, 1)) };
      expect((await planStats(test.db, filter)).days, JSON.stringify(filter)).not.toBeNull();
      for (const artist of artists) {
        const actual = await getArtistReport(test.db, filter, artist.id);
        const expected = referenceArtistReport(history, filter, artist.id);
        const where = `artist ${artist.id} ${JSON.stringify(filter)}`;
        expect(figures(actual), where).toEqual(expected === null ? null : { ...expected, totals: { ...expected.totals, share: null } });
        if (expected?.totals.share) expect(Math.abs(actual!.totals.share! - expected.totals.share) / expected.totals.share, where).toBeLessThan(1e-9);
      }
    }
  });

  it("zero-fills months, ranks with ties by name and id, and shows nothing of another user's plays", async () => {
    await clearHistory(test.db);
    const at = (iso: string) => new Date(iso);
    const history: History = {
      users: [
        { id: "u1", spotifyId: "listener-1", timeZone: "Europe/Berlin" },
        { id: "u2", spotifyId: "listener-2", timeZone: "UTC" },
      ],
      artists: [
        { id: "b", name: "Same" },
        { id: "a", name: "Same" },
        { id: "c", name: "Other" },
        { id: "secret", name: "Only the other user plays this" },
      ],
      albums: [{ id: "al", name: "Album" }],
      tracks: [
        { id: "t1", name: "One", durationMs: 100_000, albumId: "al", artistIds: ["a", "b"] },
        { id: "t2", name: "Two", durationMs: 100_000, albumId: "al", artistIds: ["c"] },
        { id: "t3", name: "Three", durationMs: 100_000, albumId: null, artistIds: ["secret", "a"] },
      ],
      plays: [
        // January 31 23:30 in Berlin is January; 23:30 UTC on February 28 is March 1 in Berlin.
        { userId: "u1", trackId: "t1", playedAt: at("2025-01-31T22:30:00.000Z"), msPlayed: null },
        { userId: "u1", trackId: "t1", playedAt: at("2025-02-28T23:30:00.000Z"), msPlayed: null },
        { userId: "u1", trackId: "t1", playedAt: at("2025-05-02T10:00:00.000Z"), msPlayed: 10_000 }, // a short play: no stream
        { userId: "u1", trackId: "t2", playedAt: at("2025-01-15T10:00:00.000Z"), msPlayed: null },
        { userId: "u1", trackId: "t2", playedAt: at("2025-01-16T10:00:00.000Z"), msPlayed: null },
        { userId: "u2", trackId: "t3", playedAt: at("2025-03-10T10:00:00.000Z"), msPlayed: null },
        { userId: "u2", trackId: "t1", playedAt: at("2025-06-10T10:00:00.000Z"), msPlayed: null },
      ],
    };
    await insertHistory(test.db, history);
    const filter = (userId: string): StatsFilter => ({ userId, from: null, to: null, timeZone: userId === "u1" ? "Europe/Berlin" : "UTC", limit: 10, now: at("2025-07-01T00:00:00Z") });
    const a = await getArtistReport(test.db, filter("u1"), "a");
    expect(a?.months).toEqual([
      { month: "2025-01", streams: 1, msListened: 100_000 },
      { month: "2025-02", streams: 0, msListened: 0 },
      { month: "2025-03", streams: 1, msListened: 100_000 },
    ]);
    // a, b and c tie on 2 streams and 200,000 ms; "Other" < "Same", then id "a" < "b".
    expect([a?.totals.rank, (await getArtistReport(test.db, filter("u1"), "b"))?.totals.rank, (await getArtistReport(test.db, filter("u1"), "c"))?.totals.rank]).toEqual([2, 3, 1]);
    expect(a?.totals).toMatchObject({ streams: 2, share: 0.5, firstStream: "2025-01-31T22:30:00.000Z", lastStream: "2025-02-28T23:30:00.000Z", uniqueTracks: 1 });
    expect(a?.longestStreak).toEqual({ days: 1, start: "2025-01-31", end: "2025-01-31" });
    // User 2's stream of t3 (crediting a) is nowhere in user 1's report; "secret" is not found for user 1.
    expect(a?.topTracks.map((t) => t.id)).toEqual(["t1"]);
    expect(await getArtistReport(test.db, filter("u1"), "secret")).toBeNull();
    expect(await getArtistReport(test.db, filter("u1"), "no-such-artist")).toBeNull();
    expect((await getArtistReport(test.db, filter("u2"), "secret"))?.totals.streams).toBe(1);
    // A range without the artist's streams: found (played), with empty figures.
    const later = await getArtistReport(test.db, { ...filter("u1"), from: at("2025-04-01T00:00:00Z") }, "a");
    expect(later?.totals).toMatchObject({ streams: 0, rank: null, share: null, firstStream: "2025-01-31T22:30:00.000Z" });
    expect(later?.months).toEqual([]);
    expect(later?.longestStreak).toEqual({ days: 0, start: null, end: null });
  });
});
