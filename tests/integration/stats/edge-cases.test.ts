/**
 * Edge cases of SPEC section 5, each with values computed by hand. Every case runs on raw plays
 * and again on rebuilt rollups: both must give the same, hand-checked figures.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { yearRange } from "@/lib/stats/range";
import { getReport } from "@/lib/stats/report";
import { rebuildRollups, refreshRollupsForTracks } from "@/lib/stats/rollups";
import { emptyHeatmap } from "@/lib/stats/heatmap";
import type { Report, StatsFilter } from "@/lib/stats/types";
import { useTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, type FixturePlay, type History } from "../../helpers/stats-fixtures";

const U = "user-a";
const at = (iso: string) => new Date(iso);

function world(plays: Array<[string, string, number | null]>, extra: Partial<History> = {}, timeZone = "UTC"): History {
  return {
    users: [{ id: U, spotifyId: "spotify-a", displayName: "Ada", timeZone }, ...(extra.users ?? [])],
    artists: extra.artists ?? [{ id: "ar1", name: "Artist One", genres: ["pop"] }],
    albums: extra.albums ?? [{ id: "al1", name: "Album One", totalTracks: 2 }],
    tracks: extra.tracks ?? [{ id: "t1", name: "Track One", durationMs: 200_000, albumId: "al1", artistIds: ["ar1"] }],
    plays: [
      ...plays.map(([trackId, iso, msPlayed]): FixturePlay => ({ userId: U, trackId, playedAt: at(iso), msPlayed })),
      ...(extra.plays ?? []),
    ],
  };
}

function filter(overrides: Partial<StatsFilter> = {}): StatsFilter {
  return { userId: U, from: null, to: null, timeZone: "UTC", limit: 10, now: at("2030-01-01T00:00:00Z"), ...overrides };
}

describe.each(["raw plays", "rollups"] as const)("statistics edge cases (%s)", (mode) => {
  const test = useTestDatabase();
  beforeEach(async () => {
    await clearHistory(test.db);
  });

  async function report(history: History, overrides: Partial<StatsFilter> = {}): Promise<Report> {
    await insertHistory(test.db, history);
    if (mode === "rollups") for (const user of history.users) await rebuildRollups(test.db, user.id);
    return getReport(test.db, filter(overrides));
  }

  it("a play of exactly 30000 ms is a stream, 29999 ms is not; null ms uses the track duration", async () => {
    const r = await report(
      world([
        ["t1", "2025-03-01T10:00:00.000Z", 30_000],
        ["t1", "2025-03-01T10:01:00.000Z", 29_999],
        ["t1", "2025-03-01T10:02:00.000Z", null],
      ]),
    );
    expect(r.totals).toEqual({ plays: 3, streams: 2, msListened: 259_999, uniqueTracks: 1, uniqueArtists: 1, uniqueAlbums: 1, newArtists: 1 });
    expect(r.topTracks).toEqual([{ id: "t1", name: "Track One", artists: ["Artist One"], streams: 2, msListened: 230_000 }]);
    expect(r.skipRate).toBe(0.5);
    expect(r.timeline).toEqual([{ date: "2025-03-01", streams: 2, msListened: 230_000 }]);
    expect(r.sessions).toEqual({
      count: 1,
      meanPlays: 3,
      meanMs: 259_999,
      longest: { start: "2025-03-01T10:00:00.000Z", end: "2025-03-01T10:02:00.000Z", plays: 3, ms: 259_999 },
    });
  });

  it("a date with only short plays is in the timeline with 0 streams; skipRate is null without known ms", async () => {
    const r = await report(world([["t1", "2025-03-02T10:00:00.000Z", 1_000]]));
    expect(r.timeline).toEqual([{ date: "2025-03-02", streams: 0, msListened: 0 }]);
    expect(r.skipRate).toBe(1);
    expect(r.streaks.longest).toEqual({ days: 0, start: null, end: null });
    const only = await getReport(test.db, filter({ from: at("2025-03-03T00:00:00Z") }));
    expect(only.skipRate).toBeNull();
  });

  it("a gap of exactly 30 min continues a session, 30 min + 1 ms starts a new one (short plays count)", async () => {
    const r = await report(
      world([
        ["t1", "2025-03-01T10:00:00.000Z", null],
        ["t1", "2025-03-01T10:30:00.000Z", null],
        ["t1", "2025-03-01T11:00:00.001Z", 5_000],
        ["t1", "2025-03-01T11:20:00.000Z", null],
      ]),
    );
    expect(r.sessions.count).toBe(2);
    expect(r.sessions.meanPlays).toBe(2);
    expect(r.sessions.meanMs).toBe((400_000 + 205_000) / 2);
    expect(r.sessions.longest).toEqual({ start: "2025-03-01T10:00:00.000Z", end: "2025-03-01T10:30:00.000Z", plays: 2, ms: 400_000 });
  });

  it("the longest session is the earliest on a tie in ms; a range cuts sessions at its bounds", async () => {
    const r = await report(
      world([
        ["t1", "2025-03-01T10:00:00.000Z", null],
        ["t1", "2025-03-01T12:00:00.000Z", null],
        ["t1", "2025-03-01T12:10:00.000Z", null],
      ]),
      {},
    );
    expect(r.sessions.longest?.start).toBe("2025-03-01T12:00:00.000Z");
    const cut = await getReport(test.db, filter({ from: at("2025-03-01T12:05:00Z") }));
    expect(cut.sessions).toEqual({
      count: 1,
      meanPlays: 1,
      meanMs: 200_000,
      longest: { start: "2025-03-01T12:10:00.000Z", end: "2025-03-01T12:10:00.000Z", plays: 1, ms: 200_000 },
    });
    const tie = await getReport(test.db, filter({ to: at("2025-03-01T12:05:00Z") }));
    expect(tie.sessions.longest).toEqual({ start: "2025-03-01T10:00:00.000Z", end: "2025-03-01T10:00:00.000Z", plays: 1, ms: 200_000 });
    expect(tie.sessions.count).toBe(2);
  });

  it("streaks run across a month end; a range cuts the longest streak but not the current one", async () => {
    const days = ["2025-01-30", "2025-01-31", "2025-02-01", "2025-02-03", "2025-02-04"];
    const history = world(days.map((d) => ["t1", `${d}T12:00:00.000Z`, null] as [string, string, null]));
    const r = await report(history, { now: at("2025-02-05T08:00:00Z") });
    expect(r.streaks.longest).toEqual({ days: 3, start: "2025-01-30", end: "2025-02-01" });
    // now's date has no stream yet: the run ending the day before counts.
    expect(r.streaks.current).toEqual({ days: 2, start: "2025-02-03", end: "2025-02-04" });
    const cut = await getReport(test.db, filter({ from: at("2025-01-31T00:00:00Z"), to: at("2025-02-04T00:00:00Z"), now: at("2025-02-04T13:00:00Z") }));
    expect(cut.streaks.longest).toEqual({ days: 2, start: "2025-01-31", end: "2025-02-01" });
    expect(cut.streaks.current).toEqual({ days: 2, start: "2025-02-03", end: "2025-02-04" });
    // Plays after --now do not count; two days without streams end the current streak.
    const early = await getReport(test.db, filter({ now: at("2025-02-04T11:59:59.999Z") }));
    expect(early.streaks.current).toEqual({ days: 1, start: "2025-02-03", end: "2025-02-03" });
    const late = await getReport(test.db, filter({ now: at("2025-02-06T00:00:00Z") }));
    expect(late.streaks.current).toEqual({ days: 0, start: null, end: null });
  });

  it("streaks across the America/New_York spring-forward use local dates", async () => {
    // Local: Mar 8 23:30 EST, Mar 9 23:30 EDT, Mar 10 00:30 EDT -> dates 8, 9, 10 (in UTC only 9, 10).
    const history = world(
      [
        ["t1", "2025-03-09T04:30:00.000Z", null],
        ["t1", "2025-03-10T03:30:00.000Z", null],
        ["t1", "2025-03-10T04:30:00.000Z", null],
      ],
      {},
      "America/New_York",
    );
    const r = await report(history, { timeZone: "America/New_York", now: at("2025-03-10T12:00:00Z") });
    expect(r.streaks.longest).toEqual({ days: 3, start: "2025-03-08", end: "2025-03-10" });
    expect(r.streaks.current).toEqual({ days: 3, start: "2025-03-08", end: "2025-03-10" });
    expect(r.timeline.map((t) => t.date)).toEqual(["2025-03-08", "2025-03-09", "2025-03-10"]);
    const heatmap = emptyHeatmap();
    heatmap[5][23] = 1; // Saturday 23:00
    heatmap[6][23] = 1; // Sunday 23:00 (EDT)
    heatmap[0][0] = 1; // Monday 00:00
    expect(r.heatmap).toEqual(heatmap);
    const utc = await getReport(test.db, filter({ timeZone: "UTC", now: at("2025-03-10T12:00:00Z") }));
    expect(utc.streaks.longest).toEqual({ days: 2, start: "2025-03-09", end: "2025-03-10" });
  });

  it("streaks across the Europe/Berlin fall-back use local dates", async () => {
    // Local: Oct 25 12:00 CEST, Oct 26 00:30 CEST, Oct 26 23:30 CET, Oct 27 00:15 CET.
    const history = world(
      [
        ["t1", "2025-10-25T10:00:00.000Z", null],
        ["t1", "2025-10-25T22:30:00.000Z", null],
        ["t1", "2025-10-26T22:30:00.000Z", null],
        ["t1", "2025-10-26T23:15:00.000Z", null],
      ],
      {},
      "Europe/Berlin",
    );
    const r = await report(history, { timeZone: "Europe/Berlin" });
    expect(r.streaks.longest).toEqual({ days: 3, start: "2025-10-25", end: "2025-10-27" });
    expect(r.timeline).toEqual([
      { date: "2025-10-25", streams: 1, msListened: 200_000 },
      { date: "2025-10-26", streams: 2, msListened: 400_000 },
      { date: "2025-10-27", streams: 1, msListened: 200_000 },
    ]);
    const utc = await getReport(test.db, filter());
    expect(utc.streaks.longest).toEqual({ days: 2, start: "2025-10-25", end: "2025-10-26" });
  });

  it("local dates and hours in Asia/Kolkata (+05:30)", async () => {
    const history = world(
      [
        ["t1", "2025-05-01T18:29:59.999Z", null], // Thu May 1 23:59:59.999 IST
        ["t1", "2025-05-01T18:30:00.000Z", null], // Fri May 2 00:00 IST
        ["t1", "2025-05-02T19:00:00.000Z", null], // Sat May 3 00:30 IST
      ],
      {},
      "Asia/Kolkata",
    );
    const r = await report(history, { timeZone: "Asia/Kolkata", now: at("2025-05-03T20:00:00Z") });
    expect(r.streaks.longest).toEqual({ days: 3, start: "2025-05-01", end: "2025-05-03" });
    expect(r.streaks.current).toEqual({ days: 3, start: "2025-05-01", end: "2025-05-03" });
    const heatmap = emptyHeatmap();
    heatmap[3][23] = 1;
    heatmap[4][0] = 1;
    heatmap[5][0] = 1;
    expect(r.heatmap).toEqual(heatmap);
    // Local midnight of May 2 in Kolkata is 2025-05-01T18:30Z.
    const fromMay2 = await getReport(test.db, filter({ timeZone: "Asia/Kolkata", from: at("2025-05-01T18:30:00.000Z") }));
    expect(fromMay2.totals.streams).toBe(2);
  });

  it("ties in every ranked list fall to streams, then ms, then name by code point, then id", async () => {
    const artists = [
      { id: "a2", name: "Same", genres: ["zeta"] },
      { id: "a1", name: "Same", genres: ["alpha"] },
      { id: "a3", name: "b", genres: ["\u{1F3B5}"] },
      { id: "a4", name: "B", genres: ["\uFF5E"] },
      { id: "a5", name: "\u{1F600}", genres: [] },
      { id: "a6", name: "\uFF5E", genres: [] },
    ];
    const albums = artists.map((a) => ({ id: `al-${a.id}`, name: a.name, totalTracks: 1 }));
    const tracks = artists.map((a) => ({ id: `t-${a.id}`, name: a.name, durationMs: 200_000, albumId: `al-${a.id}`, artistIds: [a.id] }));
    const plays = artists.map((a, i) => ["t-" + a.id, `2025-04-0${i + 1}T12:00:00.000Z`, null] as [string, string, null]);
    const r = await report(world(plays, { artists, albums, tracks }));
    // Code points: "B" (U+0042) < "Same" < "b" < U+FF5E < U+1F600 (UTF-16 would put the emoji first).
    const expectedIds = ["a4", "a1", "a2", "a3", "a6", "a5"];
    expect(r.topArtists.map((a) => a.id)).toEqual(expectedIds);
    expect(r.topTracks.map((t) => t.id)).toEqual(expectedIds.map((id) => `t-${id}`));
    expect(r.topAlbums.map((a) => a.id)).toEqual(expectedIds.map((id) => `al-${id}`));
    expect(r.albumCompletion.albums.map((a) => a.id)).toEqual(expectedIds.map((id) => `al-${id}`));
    expect(r.streaks.artists.map((a) => a.id)).toEqual(expectedIds);
    expect(r.topGenres.map((g) => g.name)).toEqual(["alpha", "zeta", "\uFF5E", "\u{1F3B5}"]);
    // streams beat ms, ms beats name
    const more = await getReport(test.db, filter({ limit: 2 }));
    expect(more.topArtists).toHaveLength(2);
    await test.db.play.create({ data: { userId: U, trackId: "t-a5", playedAt: at("2025-05-01T00:00:00Z"), msPlayed: 30_000, source: "export_extended" } });
    await test.db.play.create({ data: { userId: U, trackId: "t-a6", playedAt: at("2025-05-01T00:00:00Z"), msPlayed: 30_001, source: "export_extended" } });
    if (mode === "rollups") await rebuildRollups(test.db, U);
    const ranked = await getReport(test.db, filter({ limit: 3 }));
    expect(ranked.topArtists.map((a) => [a.id, a.streams, a.msListened])).toEqual([
      ["a6", 2, 230_001],
      ["a5", 2, 230_000],
      ["a4", 1, 200_000],
    ]);
    expect(ranked.streaks.artists.map((a) => a.id)).toEqual(["a6", "a5", "a4"]);
  });

  it("ranked by time, the lists lead with ms over the whole range (not a re-sort of the top by streams)", async () => {
    const artists = [
      { id: "many", name: "Many Short", genres: ["short"] },
      { id: "few", name: "Few Long", genres: ["long"] },
      { id: "mid", name: "Middle", genres: ["middle"] },
    ];
    const albums = artists.map((a) => ({ id: `al-${a.id}`, name: a.name, totalTracks: 1 }));
    const tracks = artists.map((a) => ({ id: `t-${a.id}`, name: a.name, durationMs: 60_000, albumId: `al-${a.id}`, artistIds: [a.id] }));
    const plays: Array<[string, string, number]> = [
      ...[1, 2, 3].map((d) => ["t-many", `2025-06-0${d}T10:00:00.000Z`, 40_000] as [string, string, number]), // 3 streams, 120 s
      ["t-few", "2025-06-04T10:00:00.000Z", 600_000], // 1 stream, 600 s
      ["t-mid", "2025-06-05T10:00:00.000Z", 100_000], // 2 streams, 200 s
      ["t-mid", "2025-06-06T10:00:00.000Z", 100_000],
    ];
    await report(world(plays, { artists, albums, tracks }));
    const byStreams = await getReport(test.db, filter({ limit: 1 }));
    expect(byStreams.topArtists.map((a) => a.id)).toEqual(["many"]);
    // With a limit of 1, the top by time is not among the top by streams.
    const byTime = await getReport(test.db, filter({ limit: 1, rankBy: "time" }));
    expect(byTime.topArtists.map((a) => [a.id, a.streams, a.msListened])).toEqual([["few", 1, 600_000]]);
    expect(byTime.topTracks.map((t) => t.id)).toEqual(["t-few"]);
    expect(byTime.topAlbums.map((a) => a.id)).toEqual(["al-few"]);
    expect(byTime.topGenres.map((g) => g.name)).toEqual(["long"]);
    const all = await getReport(test.db, filter({ rankBy: "time" }));
    expect(all.topArtists.map((a) => a.id)).toEqual(["few", "mid", "many"]);
    // Other lists keep SPEC's orders.
    const { topArtists, topTracks, topAlbums, topGenres, ...rest } = await getReport(test.db, filter());
    expect(all).toMatchObject(rest);
    expect(new Set(all.topArtists)).toEqual(new Set(topArtists));
    expect([all.topTracks.length, all.topAlbums.length, all.topGenres.length]).toEqual([topTracks.length, topAlbums.length, topGenres.length]);
  });

  it("multi-artist tracks count for every credited artist once; genres once per distinct genre", async () => {
    const artists = [
      { id: "x", name: "X", genres: ["pop", "rock"] },
      { id: "y", name: "Y", genres: ["pop"] },
      { id: "z", name: "Z", genres: [] },
    ];
    const tracks = [
      { id: "t1", name: "Duet", durationMs: 100_000, albumId: null, artistIds: ["y", "x", "y"] },
      { id: "t2", name: "Solo", durationMs: 100_000, albumId: null, artistIds: ["z"] },
    ];
    const r = await report(
      world(
        [
          ["t1", "2025-03-01T10:00:00.000Z", null],
          ["t2", "2025-03-01T11:00:00.000Z", null],
        ],
        { artists, tracks, albums: [] },
      ),
    );
    expect(r.topTracks[0]).toEqual({ id: "t1", name: "Duet", artists: ["Y", "X", "Y"], streams: 1, msListened: 100_000 });
    expect(r.topArtists.map((a) => [a.id, a.streams])).toEqual([
      ["x", 1],
      ["y", 1],
      ["z", 1],
    ]);
    expect(r.topGenres).toEqual([
      { name: "pop", streams: 1, msListened: 100_000 },
      { name: "rock", streams: 1, msListened: 100_000 },
    ]);
    expect(r.totals).toMatchObject({ uniqueArtists: 3, uniqueAlbums: 0, newArtists: 3 });
    expect(r.albumCompletion).toEqual({ completedAlbums: 0, meanCompletion: null, albums: [] });
  });

  it("album completion skips albums without a track count and caps at 1", async () => {
    const albums = [
      { id: "full", name: "Full", totalTracks: 1 },
      { id: "half", name: "Half", totalTracks: 4 },
      { id: "unknown", name: "Unknown", totalTracks: null },
    ];
    const tracks = [
      { id: "f1", name: "f1", durationMs: 1_000, albumId: "full", artistIds: ["ar1"] },
      { id: "f2", name: "f2", durationMs: 1_000, albumId: "full", artistIds: ["ar1"] },
      { id: "h1", name: "h1", durationMs: 1_000, albumId: "half", artistIds: ["ar1"] },
      { id: "h2", name: "h2", durationMs: 1_000, albumId: "half", artistIds: ["ar1"] },
      { id: "u1", name: "u1", durationMs: 1_000, albumId: "unknown", artistIds: ["ar1"] },
    ];
    const r = await report(
      world(
        [
          ["f1", "2025-03-01T10:00:00.000Z", null],
          ["f2", "2025-03-01T10:01:00.000Z", null],
          ["h1", "2025-03-01T10:02:00.000Z", null],
          ["h1", "2025-03-01T10:03:00.000Z", null],
          ["h2", "2025-03-01T10:04:00.000Z", 10_000],
          ["u1", "2025-03-01T10:05:00.000Z", null],
        ],
        { albums, tracks },
      ),
    );
    expect(r.albumCompletion).toEqual({
      completedAlbums: 1,
      meanCompletion: (1 + 0.25) / 2,
      albums: [
        { id: "full", name: "Full", distinctTracks: 2, totalTracks: 1, completion: 1, streams: 2 },
        { id: "half", name: "Half", distinctTracks: 1, totalTracks: 4, completion: 0.25, streams: 2 },
      ],
    });
    expect(r.topAlbums.map((a) => a.id)).toEqual(["full", "half", "unknown"]);
  });

  it("a user with no plays gets an empty report, never an error", async () => {
    const r = await report(world([]));
    expect(r).toEqual({
      user: { spotifyId: "spotify-a", displayName: "Ada", timeZone: "UTC" },
      range: { from: null, to: null },
      totals: { plays: 0, streams: 0, msListened: 0, uniqueTracks: 0, uniqueArtists: 0, uniqueAlbums: 0, newArtists: 0 },
      topArtists: [],
      topTracks: [],
      topAlbums: [],
      topGenres: [],
      streaks: { longest: { days: 0, start: null, end: null }, current: { days: 0, start: null, end: null }, artists: [] },
      albumCompletion: { completedAlbums: 0, meanCompletion: null, albums: [] },
      sessions: { count: 0, meanPlays: null, meanMs: null, longest: null },
      heatmap: emptyHeatmap(),
      skipRate: null,
      timeline: [],
    });
  });

  it("--year in a non-UTC zone is local Jan 1 to Jan 1; newArtists looks at first streams ever", async () => {
    const history = world(
      [
        ["t1", "2025-01-01T03:00:00.000Z", null], // Dec 31 2024, 22:00 in New York
        ["t2", "2025-01-01T06:00:00.000Z", null], // Jan 1 2025, 01:00
        ["t1", "2025-06-01T06:00:00.000Z", null],
      ],
      {
        artists: [
          { id: "ar1", name: "Old", genres: [] },
          { id: "ar2", name: "New", genres: [] },
        ],
        tracks: [
          { id: "t1", name: "One", durationMs: 1_000, albumId: "al1", artistIds: ["ar1"] },
          { id: "t2", name: "Two", durationMs: 1_000, albumId: "al1", artistIds: ["ar2"] },
        ],
      },
      "America/New_York",
    );
    const y2025 = yearRange(2025, "America/New_York");
    expect(y2025.from?.toISOString()).toBe("2025-01-01T05:00:00.000Z");
    const r = await report(history, { ...y2025, timeZone: "America/New_York" });
    expect(r.range).toEqual({ from: "2025-01-01T05:00:00.000Z", to: "2026-01-01T05:00:00.000Z" });
    expect(r.totals).toMatchObject({ plays: 2, streams: 2, uniqueArtists: 2, newArtists: 1 });
    const y2024 = await getReport(test.db, filter({ ...yearRange(2024, "America/New_York"), timeZone: "America/New_York" }));
    expect(y2024.totals).toMatchObject({ plays: 1, newArtists: 1 });
    expect(y2024.timeline).toEqual([{ date: "2024-12-31", streams: 1, msListened: 1_000 }]);
  });

  it("after a credit or duration change, refreshRollupsForTracks keeps the figures exact", async () => {
    const history = world(
      [
        ["t1", "2025-03-01T10:00:00.000Z", null],
        ["t1", "2025-03-02T10:00:00.000Z", null],
      ],
      { artists: [{ id: "ar1", name: "Provisional" }, { id: "ar2", name: "Resolved" }] },
    );
    await report(history);
    await test.db.trackArtist.updateMany({ where: { trackId: "t1" }, data: { artistId: "ar2" } });
    await test.db.track.update({ where: { id: "t1" }, data: { durationMs: 1_000 } });
    await refreshRollupsForTracks(test.db, ["t1"]);
    const r = await getReport(test.db, filter());
    expect(r.streaks.artists).toEqual([{ id: "ar2", name: "Resolved", days: 2, start: "2025-03-01", end: "2025-03-02" }]);
    expect(r.topArtists).toEqual([{ id: "ar2", name: "Resolved", streams: 2, msListened: 2_000 }]);
    expect(r.totals.msListened).toBe(2_000);
    expect(r.sessions.longest?.ms).toBe(1_000);
  });

  it("user A's report never includes user B's plays", async () => {
    const history = world([["t1", "2025-03-01T10:00:00.000Z", null]], {
      users: [{ id: "user-b", spotifyId: "spotify-b", timeZone: "UTC" }],
      plays: [
        { userId: "user-b", trackId: "t1", playedAt: at("2025-03-01T10:00:00.000Z"), msPlayed: null },
        { userId: "user-b", trackId: "t1", playedAt: at("2025-03-02T10:00:00.000Z"), msPlayed: 5_000 },
      ],
    });
    const r = await report(history, { now: at("2025-03-02T12:00:00Z") });
    expect(r.totals).toMatchObject({ plays: 1, streams: 1, msListened: 200_000 });
    expect(r.timeline).toEqual([{ date: "2025-03-01", streams: 1, msListened: 200_000 }]);
    expect(r.sessions.count).toBe(1);
    expect(r.skipRate).toBeNull();
    const b = await getReport(test.db, filter({ userId: "user-b", now: at("2025-03-02T12:00:00Z") }));
    expect(b.totals).toMatchObject({ plays: 2, streams: 1 });
    expect(b.user.spotifyId).toBe("spotify-b");
  });
});
