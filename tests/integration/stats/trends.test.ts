/**
 * The trends report (SPEC 5c) against the independent reference of tests/helpers/trends-reference.ts:
 * constructed histories for each edge the SPEC spells out, then seeded random histories over
 * 16 months in several zones, each read three ways: raw plays, rollups in the user's zone, and
 * rollups present but in another zone than the report's (raw plays again).
 */
import { describe, expect, it } from "vitest";
import { rebuildRollups } from "@/lib/stats/rollups";
import { getTrends, getTrendsPage } from "@/lib/stats/trends";
import { scoreSeries } from "@/lib/stats/day-scores";
import { trendsViewData } from "@/components/trends/trends-view-data";
import { trendSources } from "@/lib/stats/trend-windows";
import { addDays, startOfLocalDate } from "@/lib/stats/local-time";
import type { Trends, TrendsFilter } from "@/lib/stats/trend-types";
import { SeededRandom } from "@/lib/simulator/random";
import { useTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, type FixturePlay, type FixtureTrack, type History } from "../../helpers/stats-fixtures";
import { referenceTrends, referenceWeeks, trendsDifference } from "../../helpers/trends-reference";

const test = useTestDatabase();

/** A play at local noon (plus `minute` minutes) of a local date. */
function atLocal(date: string, timeZone: string, minute = 0): Date {
  return new Date(startOfLocalDate(date, timeZone).getTime() + 12 * 3_600_000 + minute * 60_000);
}

function expectReference(actual: Trends, history: History, filter: TrendsFilter, label: string) {
  const difference = trendsDifference(actual, referenceTrends(history, filter));
  expect(difference, `${label}: ${difference}`).toBeNull();
}

/** The page's data: the same trends, and each listed item's weekly streams as the reference counts them. */
async function expectPage(trends: Trends, history: History, filter: TrendsFilter, label: string) {
  const page = await getTrendsPage(test.db, filter);
  expect(page.trends, label).toEqual(trends);
  const ids = { artists: trends.risingArtists.map((item) => item.id), tracks: trends.risingTracks.map((item) => item.id) };
  expect(page.weeks, label).toEqual(referenceWeeks(history, filter, ids));
  expect(Object.keys(page.trackCredits), label).toEqual(ids.tracks);
  for (const track of trends.risingTracks) expect(page.trackCredits[track.id].map((artist) => artist.name), label).toEqual(track.artists);
  // The page's timeline scores the daily series in the browser: the same days, to the last bit.
  expect(page.series.ms, label).toHaveLength(365 + 28);
  expect(scoreSeries(page.series, page.firstPlayDate), label).toEqual(page.days);
  const view = trendsViewData(page);
  expect(view.unusualOfYear.map((day) => day.date), label).toEqual(page.days.filter((day) => day.unusual).map((day) => day.date));
  expect(view.unusualOfYear.toSorted((a, b) => b.z - a.z || a.date.localeCompare(b.date)).slice(0, filter.limit), label).toEqual(trends.unusualDays);
  expect(view, label).not.toHaveProperty("days");
}

/** Reads the trends raw, from rollups in the user's zone, and (for `otherZone`) raw with rollups present; each against the reference. */
async function expectAllWays(history: History, filter: TrendsFilter, otherZone: string, label: string): Promise<Trends> {
  await test.db.$executeRaw`DELETE FROM stats_rollup_state WHERE user_id = ${filter.userId}`;
  expect((await trendSources(test.db, filter)).rolledUp).toBe(false);
  const raw = await getTrends(test.db, filter);
  expectReference(raw, history, filter, `${label} raw plays`);
  await expectPage(raw, history, filter, `${label} raw plays`);
  await rebuildRollups(test.db, filter.userId);
  expect((await trendSources(test.db, filter)).rolledUp).toBe(true);
  const rolled = await getTrends(test.db, filter);
  expectReference(rolled, history, filter, `${label} rollups`);
  await expectPage(rolled, history, filter, `${label} rollups`);
  const other = { ...filter, timeZone: otherZone };
  expect((await trendSources(test.db, other)).rolledUp).toBe(false);
  expectReference(await getTrends(test.db, other), history, other, `${label} rollups in another zone`);
  return rolled;
}

describe("trends: the edges of SPEC 5c", () => {
  const zone = "Europe/Berlin";
  // D = 2025-04-02: R = 2025-03-06..04-02 crosses the spring DST change (03-30), B = 2024-09-18..2025-03-05
  // crosses the autumn one (2024-10-27) and a year end.
  const now = new Date("2025-04-02T10:00:00.000Z");
  const D = "2025-04-02";
  const recentFrom = addDays(D, -27);

  function edgeHistory(): History {
    const artists: History["artists"] = [];
    const tracks: FixtureTrack[] = [];
    const plays: FixturePlay[] = [];
    let minute = 0;
    /** An artist with one track; `recent` streams spread over R, `baseline` over B. */
    const add = (id: string, name: string, recent: number, baseline: number, extra: { trackName?: string; lastBefore?: string } = {}) => {
      artists.push({ id, name });
      tracks.push({ id: `tr-${id}`, name: extra.trackName ?? `Song of ${name}`, durationMs: 200_000, artistIds: [id] });
      for (let i = 0; i < recent; i++) plays.push({ userId: "u1", trackId: `tr-${id}`, playedAt: atLocal(addDays(D, -(i % 28)), zone, minute++), msPlayed: null });
      for (let i = 0; i < baseline; i++) plays.push({ userId: "u1", trackId: `tr-${id}`, playedAt: atLocal(addDays(recentFrom, -1 - (i % 168)), zone, minute++), msPlayed: 45_000 });
      if (extra.lastBefore) plays.push({ userId: "u1", trackId: `tr-${id}`, playedAt: atLocal(extra.lastBefore, zone, minute++), msPlayed: 45_000 });
    };
    add("ar-exact2", "Exactly Two", 5, 12); // score (5+1)/(12/6+1) = 2, recent 5: rising
    add("ar-under2", "Just Under", 5, 13); // score 36/19 < 2
    add("ar-four", "Only Four", 4, 0); // score 5 but recent 4
    add("ar-z1", "Zoë", 6, 0, { trackName: "Zoë" }); // score 7: ties broken by recent, then code points, then id
    add("ar-z2", "Zoe", 6, 0, { trackName: "Zoe" });
    add("ar-z0", "Zoe", 6, 0, { trackName: "Zoe" });
    add("ar-z3", "\u{1F600} Smile", 6, 0, { trackName: "\uFF5E Wave" });
    add("ar-seven", "Seven", 13, 6); // score 14/2 = 7, recent 13: first of the sevens
    add("ar-six-a", "Six", 6, 1); // score 7/(7/6) = 6 exactly as a rational
    add("ar-six-b", "Six", 5, 0); // score 6, recent 5: after ar-six-a
    add("ar-fade-half", "Half", 2, 30); // baseline/6 = 5, score 3/6 = 0.5: fading
    add("ar-fade-more", "More", 3, 42); // score 4/8 = 0.5 too, baseline 42: before ar-fade-half
    add("ar-fade-no", "Not Quite", 3, 30); // score 4/6
    add("ar-fade-29", "Twenty-nine", 0, 29); // baseline/6 < 5
    add("ar-fade-deep", "Deep", 0, 60); // score 1/11
    // Rediscoveries: first stream in R on recentFrom (i = 0 lands on D; the rest spread back).
    add("ar-gap-180", "Gap 180", 1, 0, { lastBefore: addDays(D, -180) }); // first in R is D: gap 180
    add("ar-gap-179", "Gap 179", 1, 0, { lastBefore: addDays(D, -179) }); // gap 179: not listed
    add("ar-gap-400a", "Long Gap", 2, 0, { lastBefore: addDays(D, -28 - 400) });
    add("ar-gap-400b", "Long Gap", 2, 0, { lastBefore: addDays(D, -28 - 400) });
    add("ar-gap-400c", "Another Gap", 2, 0, { lastBefore: addDays(D, -28 - 400) });
    // A track crediting the same artist twice counts once for it; a duet counts for both.
    tracks.push({ id: "tr-twice", name: "Twice", durationMs: 200_000, artistIds: ["ar-deep-dup", "ar-deep-dup"] });
    artists.push({ id: "ar-deep-dup", name: "Dup" });
    for (let i = 0; i < 5; i++) plays.push({ userId: "u1", trackId: "tr-twice", playedAt: atLocal(addDays(D, -i), zone, minute++), msPlayed: null });
    // Short plays are not streams: 10 of them would make "Only Four" rising.
    for (let i = 0; i < 10; i++) plays.push({ userId: "u1", trackId: "tr-ar-four", playedAt: atLocal(addDays(D, -i), zone, minute++), msPlayed: 29_999 });
    // Plays after D (later this local day's plays count; tomorrow's do not).
    plays.push({ userId: "u1", trackId: "tr-ar-under2", playedAt: atLocal(addDays(D, 1), zone), msPlayed: null });
    return { users: [{ id: "u1", spotifyId: "edge", timeZone: zone }], artists, albums: [], tracks, plays };
  }

  it("rising, fading and rediscoveries at their boundaries and ties, raw and from rollups", async () => {
    await clearHistory(test.db);
    const history = edgeHistory();
    await insertHistory(test.db, history);
    const filter: TrendsFilter = { userId: "u1", timeZone: zone, now, limit: 20 };
    const trends = await expectAllWays(history, filter, "America/New_York", "edges");
    expect(trends.now).toBe("2025-04-02T10:00:00.000Z");
    expect(trends.recent).toEqual({ from: "2025-03-06", to: "2025-04-02" });
    // Score 7 (7/1 and 14/2 alike), then recent, then names by code point ("Zoe" < "Zoë" < U+1F600), then id.
    expect(trends.risingArtists.map((a) => a.id)).toEqual(["ar-seven", "ar-z0", "ar-z2", "ar-z1", "ar-z3", "ar-six-a", "ar-deep-dup", "ar-six-b", "ar-exact2"]);
    expect(trends.risingArtists.find((a) => a.id === "ar-exact2")).toEqual({ id: "ar-exact2", name: "Exactly Two", recent: 5, baseline: 12, score: 2 });
    expect(trends.risingArtists.find((a) => a.id === "ar-six-a")!.score).toBe(6);
    expect(trends.fadingArtists.map((a) => [a.id, a.score])).toEqual([
      ["ar-fade-deep", 1 / 11],
      ["ar-fade-more", 0.5],
      ["ar-fade-half", 0.5],
    ]);
    expect(trends.risingTracks.map((t) => t.id)).toEqual(["tr-ar-seven", "tr-ar-z0", "tr-ar-z2", "tr-ar-z1", "tr-ar-z3", "tr-ar-six-a", "tr-ar-six-b", "tr-twice", "tr-ar-exact2"]);
    expect(trends.risingTracks.find((t) => t.id === "tr-twice")!.artists).toEqual(["Dup", "Dup"]);
    expect(trends.rediscoveries.map((r) => [r.id, r.gapDays, r.recent])).toEqual([
      ["ar-gap-400c", 400 + 27, 2],
      ["ar-gap-400a", 427, 2],
      ["ar-gap-400b", 427, 2],
      ["ar-gap-180", 180, 1],
    ]);
    expect(trends.rediscoveries.find((r) => r.id === "ar-gap-180")!.lastBefore).toBe(addDays(D, -180));
  });

  it("the limit cuts every list", async () => {
    const history = edgeHistory();
    const trends = await getTrends(test.db, { userId: "u1", timeZone: zone, now, limit: 2 });
    expectReference(trends, history, { userId: "u1", timeZone: zone, now, limit: 2 }, "limit 2");
    expect(trends.risingArtists).toHaveLength(2);
    expect(trends.fadingArtists).toHaveLength(2);
    expect(trends.rediscoveries).toHaveLength(2);
  });
});

describe("trends: unusual days", () => {
  const zone = "America/New_York";
  const first = "2025-10-01"; // the first play; DST ends 2025-11-02, the year ends in the window
  const now = new Date("2026-01-20T04:30:00.000Z"); // still 2026-01-19 in New York
  const D = "2026-01-19";

  function steadyHistory(): History {
    const plays: FixturePlay[] = [];
    const day = (date: string, ms: number, trackId = "t-steady") => plays.push({ userId: "u2", trackId, playedAt: atLocal(date, zone), msPlayed: ms });
    for (let date = first; date <= D; date = addDays(date, 1)) {
      if (date === addDays(first, 20)) day(date, 600 * 60_000); // huge, but fewer than 28 dates of history before it: no z
      else if (date === "2025-11-20") day(date, 65 * 60_000); // MAD 0: s = 10, z = (65 - 30) / 10 = 3.5 exactly
      else if (date === "2025-12-10") day(date, 65 * 60_000 - 1); // z just under 3.5
      else if (date === "2025-12-31") day(date, 95 * 60_000); // z = 6.5
      else if (date === "2026-01-05" || date === "2026-01-06") day(date, 95 * 60_000); // z ties: by date
      else day(date, 30 * 60_000); // 30 minutes every day
    }
    // A short play adds to no day's minutes.
    plays.push({ userId: "u2", trackId: "t-steady", playedAt: atLocal("2025-12-10", zone, 30), msPlayed: 29_999 });
    return {
      users: [{ id: "u2", spotifyId: "steady", timeZone: zone }],
      artists: [{ id: "a-steady", name: "Steady" }],
      albums: [],
      tracks: [{ id: "t-steady", name: "Every Day", durationMs: 180_000, artistIds: ["a-steady"] }],
      plays,
    };
  }

  it("MAD 0 uses the 10-minute floor, z = 3.5 is listed, dates without 28 days of history are not scored", async () => {
    await clearHistory(test.db);
    const history = steadyHistory();
    await insertHistory(test.db, history);
    const filter: TrendsFilter = { userId: "u2", timeZone: zone, now, limit: 10 };
    const trends = await expectAllWays(history, filter, "UTC", "steady");
    expect(trends.unusualDays).toEqual([
      { date: "2025-12-31", minutes: 95, baselineMedian: 30, z: 6.5 },
      { date: "2026-01-05", minutes: 95, baselineMedian: 30, z: 6.5 },
      { date: "2026-01-06", minutes: 95, baselineMedian: 30, z: 6.5 },
      { date: "2025-11-20", minutes: 65, baselineMedian: 30, z: 3.5 },
    ]);
    const page = await getTrendsPage(test.db, filter);
    expect(page.firstPlayDate).toBe(first);
    expect(page.readyOn).toBe(addDays(first, 27));
    expect(page.days).toHaveLength(365);
    expect(page.days[page.days.length - 1].date).toBe(D);
    const scored = page.days.filter((day) => day.z !== null);
    expect(scored[0].date).toBe(addDays(first, 28)); // d - 28 = the first play's date
    expect(page.days.find((day) => day.date === addDays(first, 20))).toMatchObject({ minutes: 600, z: null, unusual: false });
    expect(page.days.find((day) => day.date === "2025-11-20")).toMatchObject({ floored: true, unusual: true });
  });

  it("a MAD above the floor scales z", async () => {
    await clearHistory(test.db);
    const plays: FixturePlay[] = [];
    // Alternating 40 and 0 minutes: m = 20, MAD = 20, s = 29.652; a 140-minute day has z = 120 / 29.652.
    for (let i = 0; i < 90; i++) {
      const date = addDays("2025-09-01", i);
      const minutes = i === 89 ? 140 : i % 2 ? 0 : 40;
      if (minutes) plays.push({ userId: "u3", trackId: "t1", playedAt: atLocal(date, "Asia/Kolkata"), msPlayed: minutes * 60_000 });
    }
    const history: History = {
      users: [{ id: "u3", spotifyId: "alternating", timeZone: "Asia/Kolkata" }],
      artists: [{ id: "a1", name: "A" }],
      albums: [],
      tracks: [{ id: "t1", name: "T", durationMs: 1000, artistIds: ["a1"] }],
      plays,
    };
    await insertHistory(test.db, history);
    const filter: TrendsFilter = { userId: "u3", timeZone: "Asia/Kolkata", now: atLocal(addDays("2025-09-01", 89), "Asia/Kolkata"), limit: 10 };
    const trends = await expectAllWays(history, filter, "Europe/Berlin", "alternating");
    expect(trends.unusualDays).toHaveLength(1);
    expect(trends.unusualDays[0].baselineMedian).toBe(20);
    expect(trends.unusualDays[0].z).toBeCloseTo(120 / (1.4826 * 20), 12);
  });

  it("a user without plays has empty trends", async () => {
    await clearHistory(test.db);
    await insertHistory(test.db, { users: [{ id: "u4", spotifyId: "empty", timeZone: "UTC" }], artists: [], albums: [], tracks: [], plays: [] });
    const trends = await getTrends(test.db, { userId: "u4", timeZone: "UTC", now, limit: 10 });
    expect(trends).toEqual({
      now: now.toISOString(),
      recent: { from: "2025-12-24", to: "2026-01-20" },
      risingArtists: [],
      fadingArtists: [],
      risingTracks: [],
      rediscoveries: [],
      unusualDays: [],
    });
    const page = await getTrendsPage(test.db, { userId: "u4", timeZone: "UTC", now, limit: 10 });
    expect(page.firstPlayDate).toBeNull();
    expect(page.readyOn).toBeNull();
  });
});

const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "America/Sao_Paulo"];
const NAMES = ["Abba", "abba", "Zoë", "Zoe", "Øystein", "\u{1F600} Smile", "\uFF5E Wave", "Bach", "Bach", "Chopin"];

/**
 * 16 months of listening (2024-09 to 2025-12) for three listeners: each artist is listened to in
 * a few random periods at its own rate, so artists rise, fade and come back; some days are binges.
 */
function randomHistory(seed: number): { history: History; nows: Date[] } {
  const rng = new SeededRandom(`trends-property:${seed}`);
  const random = () => rng.next();
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const artists = Array.from({ length: 12 }, (_, i) => ({ id: `ar${seed}_${i}`, name: pick(NAMES) }));
  const tracks: FixtureTrack[] = Array.from({ length: 30 }, (_, i) => ({
    id: `tr${seed}_${i}`,
    name: pick(NAMES),
    durationMs: random() < 0.1 ? null : int(60, 300) * 1000,
    artistIds: random() < 0.25 ? [artists[i % 12].id, pick(artists.slice(4)).id] : [artists[i % 12].id], // artists 0-3 come back (below)
  }));
  const bingeTracks = tracks.filter((track) => track.artistIds.every((id) => !artists.slice(0, 4).some((artist) => artist.id === id)));
  const users = Array.from({ length: 3 }, (_, i) => ({ id: `u${seed}_${i}`, spotifyId: `s${seed}_${i}`, timeZone: pick(ZONES) }));
  const start = Date.UTC(2024, 8, 1);
  const days = 485;
  const fixedNows = [
    new Date("2025-01-03T23:30:00.000Z"), // R across the year end
    new Date("2025-03-31T01:00:00.000Z"), // just after the EU spring change (Mar 30), US (Mar 9) in R
    new Date("2025-11-03T12:00:00.000Z"), // after the autumn changes
    new Date("2025-12-31T23:59:59.999Z"), // the year's last instant in UTC, already 2026 east of it
  ];
  const plays: FixturePlay[] = [];
  for (const [index, user] of users.entries()) {
    // The third listener starts late: dates of the last year without 28 days of history before them.
    const firstDay = index === 2 ? int(300, 350) : int(0, 120);
    const periods = artists.map(() =>
      Array.from({ length: int(1, 3) }, () => {
        const from = int(0, days);
        return { from, to: from + int(5, 160), rate: random() < 0.3 ? int(2, 6) : 1 };
      }),
    );
    // Four artists come back, within one of the fixed instants' recent windows, after about half a year away.
    for (let a = 0; a < 4; a++) {
      const back = Math.round((pick(fixedNows.slice(2)).getTime() - start) / 86_400_000) - int(0, 25);
      const away = int(175, 240);
      periods[a] = [
        { from: back - away - int(3, 30), to: back - away + 1, rate: 2 },
        { from: back, to: back + int(3, 60), rate: 3 },
      ];
    }
    // And one fades: steady through the baseline of the third instant, silent since.
    const fadeDay = Math.round((fixedNows[2].getTime() - start) / 86_400_000);
    periods[4] = [{ from: fadeDay - 190, to: fadeDay - 35, rate: 2 }];
    for (let day = firstDay; day < days; day++) {
      const binge = random() < 0.02 ? int(10, 40) : 0;
      let at = start + day * 86_400_000 + int(0, 20) * 3_600_000;
      const dayPlays: string[] = [];
      artists.forEach((_, a) => {
        for (const period of periods[a]) if (day >= period.from && day < period.to && random() < 0.5) for (let k = 0; k < int(0, period.rate); k++) dayPlays.push(tracks[a + 12 * int(0, 1)]?.id ?? tracks[a].id);
      });
      for (let k = 0; k < binge; k++) dayPlays.push(pick(bingeTracks).id);
      for (const trackId of dayPlays) {
        plays.push({ userId: user.id, trackId, playedAt: new Date(at), msPlayed: pick([null, null, 5_000, 29_999, 30_000, 180_000, 245_123, 1_800_000]) });
        at += int(1, 400) * 1000;
      }
    }
  }
  const nows = [...fixedNows, new Date(start + int(60, days) * 86_400_000 + int(0, 86_399_999))];
  return { history: { users, artists, albums: [], tracks, plays }, nows };
}

describe("trends property test", () => {
  it.each([11, 23, 37, 41])("seed %i: raw plays and rollups equal the reference at instants across DST changes and year ends", async (seed) => {
    await clearHistory(test.db);
    const { history, nows } = randomHistory(seed);
    await insertHistory(test.db, history);
    const seen = { rising: 0, fading: 0, tracks: 0, rediscoveries: 0, unusual: 0 };
    for (const user of history.users) {
      for (const now of nows) {
        const filter: TrendsFilter = { userId: user.id, timeZone: user.timeZone, now, limit: 1 + (nows.indexOf(now) % 3) * 4 };
        const other = ZONES.find((zone) => zone !== user.timeZone)!;
        const trends = await expectAllWays(history, filter, other, `seed ${seed} user ${user.id} (${user.timeZone}) now ${now.toISOString()}`);
        seen.rising += trends.risingArtists.length;
        seen.fading += trends.fadingArtists.length;
        seen.tracks += trends.risingTracks.length;
        seen.rediscoveries += trends.rediscoveries.length;
        seen.unusual += trends.unusualDays.length;
      }
    }
    // The histories exercise every list (not only empty ones).
    for (const [list, count] of Object.entries(seen)) expect(count, `${list} in seed ${seed}`).toBeGreaterThan(0);
  });
});
