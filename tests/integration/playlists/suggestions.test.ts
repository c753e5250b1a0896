import { beforeAll, describe, expect, it } from "vitest";
import { PLAYLIST_CSV_HEADER, playlistCsv } from "@/lib/playlists/csv";
import { detailOf, loadPlaylistView } from "@/lib/playlists/detail";
import { listPlaylistCards, listPlaylistPage } from "@/lib/playlists/list";
import { clearPlaylistCaches, getCachedPlaylistPage, getCachedPlaylistView, listPageCacheStats, playlistCacheStats } from "@/lib/playlists/page-caches";
import { rebuildRollups } from "@/lib/stats/rollups";
import { insertCatalogue, insertPlays, type FixturePlay, type FixtureTrack } from "../../helpers/stats-fixtures";
import { referenceTracks, type ReferenceEntry, type ReferenceTrack } from "../../helpers/playlist-reference";
import { useTestDatabase } from "../../helpers/test-database";

const DAY = 86_400_000;
/** The night European clocks go forward: a "day" is still 24 hours here, whatever the zone. */
const NOW = new Date("2026-03-29T12:00:00.000Z");
const at = (msBeforeNow: number) => new Date(NOW.getTime() - msBeforeNow);
/** A track row without the catalogue's names: the figures the reference computes. */
const figuresOf = ({ position, id, addedAt, streams90d, lastStream, knownPlays365d, skipRate365d, suggestion }: ReferenceTrack) =>
  ({ position, id, addedAt, streams90d, lastStream, knownPlays365d, skipRate365d, suggestion });

const test = useTestDatabase();

/** A listed, readable playlist of the user with one stored version holding `entries`. */
async function storePlaylist(userId: string, playlistId: string, entries: ReferenceEntry[], position = 0): Promise<void> {
  await test.db.playlist.create({
    data: {
      userId,
      id: playlistId,
      name: `Playlist ${playlistId}`,
      ownerId: userId,
      listedSnapshotId: `${playlistId}-1`,
      listedTotal: entries.length,
      listPosition: position,
      listedAt: NOW,
    },
  });
  await test.db.playlistVersion.create({
    data: {
      userId,
      playlistId,
      snapshotId: `${playlistId}-1`,
      collectedAt: at(DAY),
      entryCount: entries.length,
      entries: {
        create: entries.map((entry) => ({ position: entry.position, trackId: entry.trackId, kind: entry.trackId ? "track" : "local", addedAt: entry.addedAt, name: entry.trackId ? null : "A local file" })),
      },
    },
  });
}

function tracks(count: number, prefix: string): FixtureTrack[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, name: `${prefix} track ${i}`, albumId: "al-1", durationMs: 200_000, artistIds: i % 3 === 0 ? ["ar-1", "ar-2"] : ["ar-2"] }));
}

beforeAll(async () => {
  await insertCatalogue(test.db, {
    users: [
      { id: "u-me", spotifyId: "me", timeZone: "Europe/Berlin" },
      { id: "u-other", spotifyId: "other", timeZone: "UTC" },
    ],
    artists: [
      { id: "ar-1", name: "Aurora, Fields" },
      { id: "ar-2", name: "Basalt \"B\"" },
    ],
    albums: [{ id: "al-1", name: "Album" }],
    tracks: [...tracks(20, "b"), ...tracks(30, "g")],
  });
});

describe("suggestions at every boundary of SPEC §10", () => {
  const plays: FixturePlay[] = [];
  const me = (trackId: string, msBeforeNow: number, msPlayed: number | null) => plays.push({ userId: "u-me", trackId, playedAt: at(msBeforeNow), msPlayed });
  const full = 200_000;
  const long = at(400 * DAY);
  // [track, added_at, expected suggestion, why]
  const cases: [string, Date | null, "often-skipped" | "rarely-played" | null, string][] = [];
  const add = (index: number, addedAt: Date | null, expected: (typeof cases)[number][2], why: string) => cases.push([`b-${index}`, addedAt, expected, why]);

  // 90 days: a stream exactly 90 days before now counts; 1 ms earlier does not; one at now does not.
  me("b-0", 90 * DAY, full);
  add(0, long, null, "stream at now - 90 days is in the window");
  me("b-1", 90 * DAY + 1, full);
  add(1, long, "rarely-played", "stream 1 ms before the window");
  me("b-2", 0, full);
  add(2, long, "rarely-played", "stream at now is not before now");
  // 5 known plays and 0.6.
  [1, 2, 3].forEach((d) => me("b-3", d * DAY, 10_000));
  [4, 5].forEach((d) => me("b-3", d * DAY, full));
  add(3, long, "often-skipped", "5 known plays, 3 short: exactly 0.6");
  [1, 2].forEach((d) => me("b-4", d * DAY, 10_000));
  [3, 4, 5].forEach((d) => me("b-4", d * DAY, full));
  add(4, long, null, "5 known plays, 2 short: 0.4, and streamed recently");
  [1, 2, 3, 4].forEach((d) => me("b-5", 100 * DAY + d, 5_000));
  add(5, long, "rarely-played", "4 known plays, all short: not enough for often-skipped");
  // 365 days: the 6th short play of 10 is exactly 365 days old (counts), or 1 ms older (does not).
  me("b-6", 365 * DAY, 29_999);
  [1, 2, 3, 4, 5].forEach((d) => me("b-6", d * DAY, 1_000));
  [6, 7, 8, 9].forEach((d) => me("b-6", d * DAY, 30_000));
  add(6, long, "often-skipped", "6 of 10 short, the oldest exactly 365 days before");
  me("b-7", 365 * DAY + 1, 29_999);
  [1, 2, 3, 4, 5].forEach((d) => me("b-7", d * DAY, 1_000));
  [6, 7, 8, 9].forEach((d) => me("b-7", d * DAY, 30_000));
  add(7, long, null, "5 of 9 short once the oldest falls out; streamed in 90 days");
  // 60 days since added_at, and an unknown added_at.
  add(8, at(60 * DAY), "rarely-played", "added exactly 60 days before now");
  add(9, at(60 * DAY - 1), null, "added 1 ms less than 60 days before now");
  add(10, null, "rarely-played", "unknown added_at counts as long ago");
  me("b-11", 10 * DAY, null);
  add(11, null, null, "unknown added_at, but a stream (ms unknown) 10 days ago");
  // 30 s: 30000 ms is a stream and not short; 29999 ms is short and not a stream.
  me("b-12", 3 * DAY, 30_000);
  add(12, long, null, "a play of exactly 30 s is a stream");
  me("b-13", 3 * DAY, 29_999);
  add(13, long, "rarely-played", "a play of 29.999 s is no stream");
  // Plays with unknown ms: streams, never known plays.
  [1, 2, 3, 4, 5, 6].forEach((d) => me("b-14", d * DAY, null));
  add(14, long, null, "unknown ms: no skip rate");
  // Somebody else's plays never count.
  [1, 2, 3, 4, 5, 6].forEach((d) => plays.push({ userId: "u-other", trackId: "b-15", playedAt: at(d * DAY), msPlayed: 1_000 }));
  add(15, long, "rarely-played", "only another user played it");
  // The last stream is the latest before now, however old.
  me("b-16", 800 * DAY, full);
  me("b-16", 500 * DAY, full);
  me("b-16", 2 * DAY, 1_000);
  add(16, long, "rarely-played", "last stream 500 days ago; a skip since");

  let entries: ReferenceEntry[];
  beforeAll(async () => {
    await insertPlays(test.db, plays);
    entries = cases.map(([trackId, addedAt], position) => ({ position, trackId, addedAt }));
    // The same track twice, a local file: entries, in order.
    entries.push({ position: entries.length, trackId: "b-3", addedAt: at(1 * DAY) });
    entries.push({ position: entries.length, trackId: null, addedAt: long });
    await storePlaylist("u-me", "boundaries", entries);
  });

  it("each track's figures and suggestion equal the reference, and the expected suggestion", async () => {
    const view = await loadPlaylistView(test.db, "u-me", "boundaries", NOW);
    const expected = referenceTracks(plays, "u-me", entries, NOW);
    expect(view!.tracks.map(figuresOf)).toEqual(expected);
    cases.forEach(([trackId, , suggestion, why], position) => {
      expect({ trackId, why, suggestion: view!.tracks[position].suggestion }).toEqual({ trackId, why, suggestion });
    });
    expect(view!.tracks.at(-2)).toMatchObject({ id: "b-3", suggestion: "often-skipped" });
    expect(view!.tracks.at(-1)).toMatchObject({ id: null, name: "A local file", streams90d: 0, lastStream: null, knownPlays365d: 0, skipRate365d: null, suggestion: null });
    expect(view!.tracks.find((t) => t.id === "b-16")!.lastStream).toBe(at(500 * DAY).toISOString());
    expect(view!.tracks.find((t) => t.id === "b-6")!.skipRate365d).toBe(0.6);
    expect(view!.tracks.find((t) => t.id === "b-0")!.artists).toEqual(["Aurora, Fields", "Basalt \"B\""]);
  });

  it("the list counts the same suggestions at the same instant", async () => {
    const view = await loadPlaylistView(test.db, "u-me", "boundaries", NOW);
    const [card] = await listPlaylistCards(test.db, "u-me", NOW);
    expect(card.suggestions).toBe(view!.tracks.filter((t) => t.suggestion !== null).length);
    expect(card.suggestions).toBe(cases.filter(([, , s]) => s !== null).length + 1);
  });

  it("the CSV has the exact header row, then one row per entry with the same values", async () => {
    const detail = detailOf((await loadPlaylistView(test.db, "u-me", "boundaries", NOW))!);
    const csv = playlistCsv(detail);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("position,id,name,artists,addedAt,streams90d,lastStream,knownPlays365d,skipRate365d,suggestion");
    expect(PLAYLIST_CSV_HEADER).toBe(lines[0]);
    expect(lines).toHaveLength(detail.tracks.length + 2);
    expect(lines.at(-1)).toBe("");
    // Artists joined by "; ", and a field with a quote or comma quoted.
    expect(lines[1]).toBe(`0,b-0,b track 0,"Aurora, Fields; Basalt ""B""",${at(400 * DAY).toISOString()},1,${at(90 * DAY).toISOString()},1,0,`);
    expect(lines[4]).toBe(`3,b-3,b track 3,"Aurora, Fields; Basalt ""B""",${at(400 * DAY).toISOString()},2,${at(4 * DAY).toISOString()},5,0.6,often-skipped`);
    expect(lines.at(-2)).toBe(`${detail.tracks.length - 1},,A local file,,${at(400 * DAY).toISOString()},0,,0,,`);
  });
});

describe("figures on a generated history against the reference", () => {
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const next = random(18);
  const plays: FixturePlay[] = [];
  const entries: ReferenceEntry[] = [];
  const start = Date.parse("2024-10-01T00:00:00Z");
  const end = Date.parse("2027-01-10T00:00:00Z");
  for (let i = 0; i < 30; i++) {
    const trackId = `g-${i}`;
    // Some tracks are mostly skipped, some never played, most in between.
    const skipShare = i % 5 === 0 ? 0.8 : i % 5 === 1 ? 0.55 : 0.15;
    const count = i % 7 === 0 ? 0 : 3 + Math.floor(next() * 40);
    for (let p = 0; p < count; p++) {
      const msPlayed = next() < 0.2 ? null : next() < skipShare ? Math.floor(next() * 30_000) : 30_000 + Math.floor(next() * 200_000);
      plays.push({ userId: "u-me", trackId, playedAt: new Date(start + Math.floor(next() * (end - start))), msPlayed });
    }
    const addedAt = next() < 0.15 ? null : new Date(start + Math.floor(next() * (end - start)));
    entries.push({ position: entries.length, trackId, addedAt });
    if (i % 9 === 0) entries.push({ position: entries.length, trackId, addedAt: new Date(end - 30 * DAY) });
  }
  // Day-exact boundaries against plays: windows that open or close exactly on some play.
  const boundaryNows = plays.slice(0, 6).flatMap((play) => [90, 365].map((days) => new Date(play.playedAt.getTime() + days * DAY)));
  const nows = [
    "2025-03-30T01:30:00.000Z", // Europe's spring change
    "2025-10-26T00:59:59.999Z", // and autumn's
    "2025-12-31T23:59:59.999Z",
    "2026-01-01T00:00:00.000Z",
    "2026-02-28T12:00:00.000Z",
    "2026-06-15T08:00:00.000Z",
    "2027-01-01T00:00:00.000Z",
  ].map((iso) => new Date(iso));

  beforeAll(async () => {
    const seen = new Set<string>();
    // Plays are unique per user, track and instant.
    await insertPlays(test.db, plays.filter((p) => (seen.has(`${p.trackId}@${p.playedAt.getTime()}`) ? false : (seen.add(`${p.trackId}@${p.playedAt.getTime()}`), true))));
    await storePlaylist("u-me", "generated", entries, 1);
  });

  it("equals the reference at instants around DST changes, year ends and play times", async () => {
    const unique = new Map(plays.map((p) => [`${p.trackId}@${p.playedAt.getTime()}`, p]));
    let suggested = 0;
    for (const now of [...nows, ...boundaryNows]) {
      const view = await loadPlaylistView(test.db, "u-me", "generated", now);
      const expected = referenceTracks([...unique.values()], "u-me", entries, now);
      expect(view!.tracks.map(figuresOf), now.toISOString()).toEqual(expected);
      suggested += expected.filter((t) => t.suggestion !== null).length;
      const card = (await listPlaylistCards(test.db, "u-me", now)).find((c) => c.id === "generated")!;
      expect(card.suggestions).toBe(expected.filter((t) => t.suggestion !== null).length);
    }
    expect(suggested).toBeGreaterThan(0);
  });

  it("the pages' caches answer what the reference answers at every instant, and compute again exactly when time moves a figure", async () => {
    const unique = [...new Map(plays.map((p) => [`${p.trackId}@${p.playedAt.getTime()}`, p])).values()];
    // Rollups give the user a data version; the caches are keyed by it.
    await rebuildRollups(test.db, "u-me");
    clearPlaylistCaches();
    // Every instant at which one of the user's plays enters or leaves a window, or an entry of
    // theirs reaches 60 days since it was added; the instant before and after it; over half a
    // year, in order: what the pages see as time goes by.
    const from = Date.parse("2026-01-01T00:00:00Z");
    const until = from + 180 * DAY;
    const played = (await test.db.play.findMany({ where: { userId: "u-me" }, select: { playedAt: true } })).map((p) => p.playedAt.getTime());
    const added = (await test.db.playlistEntry.findMany({ where: { version: { userId: "u-me" } }, select: { addedAt: true } })).flatMap((e) => (e.addedAt ? [e.addedAt.getTime()] : []));
    const events = [...played.flatMap((t) => [t, t + 90 * DAY, t + 365 * DAY]), ...added.map((t) => t + 60 * DAY)];
    const instants = [...new Set(events.flatMap((t) => [t - 1, t, t + 1, t + 2]).filter((t) => t >= from && t < until))].sort((a, b) => a - b);
    expect(instants.length).toBeGreaterThan(100);
    // Figures change only at some of these instants: the reference says at which.
    let changes = 0;
    let previous: string | undefined;
    for (const t of instants) {
      const now = new Date(t);
      const view = await getCachedPlaylistView(test.db, "u-me", "generated", now);
      const expected = referenceTracks(unique, "u-me", entries, now);
      expect(view!.tracks.map(figuresOf), now.toISOString()).toEqual(expected);
      const figures = JSON.stringify(expected.map(({ streams90d, lastStream, knownPlays365d, skipRate365d }) => [streams90d, lastStream, knownPlays365d, skipRate365d]));
      if (figures !== previous) changes += 1;
      previous = figures;
      // The list: both playlists' counts as counted uncached (held to the reference above), the generated one's as the reference's.
      const page = await getCachedPlaylistPage(test.db, "u-me", now, { offset: 0, limit: 50 });
      expect(page, now.toISOString()).toEqual(await listPlaylistPage(test.db, "u-me", now, { offset: 0, limit: 50 }));
      expect(page.cards.find((card) => card.id === "generated")!.suggestions).toBe(expected.filter((track) => track.suggestion !== null).length);
    }
    expect(listPageCacheStats().hits).toBeGreaterThan(instants.length / 10);
    const { hits, misses } = playlistCacheStats();
    expect(hits + misses).toBe(instants.length);
    // Computed whenever the figures changed, and otherwise not always (a play of a track also
    // ends its own 90- and 365-day windows: those instants count as changes of a window).
    expect(misses).toBeGreaterThanOrEqual(changes);
    expect(hits).toBeGreaterThan(instants.length / 3);

    // The same instant again: from the cache. The first instant, before the one the stored figures
    // were computed at: computed again (the API may ask for any `now`).
    const last = new Date(instants.at(-1)!);
    await getCachedPlaylistView(test.db, "u-me", "generated", last);
    expect(playlistCacheStats()).toMatchObject({ hits: hits + 1, misses });
    const first = await getCachedPlaylistView(test.db, "u-me", "generated", new Date(instants[0]));
    expect(playlistCacheStats().misses).toBe(misses + 1);
    expect(first!.tracks.map(figuresOf)).toEqual(referenceTracks(unique, "u-me", entries, new Date(instants[0])));

    // A new play (stored as every play is, with its rollups): the next view counts it.
    const before = (await getCachedPlaylistView(test.db, "u-me", "generated", last))!.tracks.find((t) => t.id === "g-1")!;
    await insertPlays(test.db, [{ userId: "u-me", trackId: "g-1", playedAt: new Date(last.getTime() - DAY), msPlayed: 200_000 }]);
    await rebuildRollups(test.db, "u-me");
    const after = (await getCachedPlaylistView(test.db, "u-me", "generated", last))!.tracks.find((t) => t.id === "g-1")!;
    expect(after.streams90d).toBe(before.streams90d + 1);
    expect(after.lastStream).toBe(new Date(last.getTime() - DAY).toISOString());
    await test.db.play.deleteMany({ where: { userId: "u-me", trackId: "g-1", playedAt: new Date(last.getTime() - DAY) } });
    await rebuildRollups(test.db, "u-me");
    expect((await getCachedPlaylistView(test.db, "u-me", "generated", last))!.tracks.find((t) => t.id === "g-1")).toEqual(before);
  });
});
