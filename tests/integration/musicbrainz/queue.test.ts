/**
 * The MusicBrainz genres queue (SPEC 12) on a real database against the MusicBrainz simulator:
 * what each lookup path stores, the run budget and resuming, the retry ages (an injected clock),
 * the pause after a long Retry-After, one process at a time, and the carry-over of genres found
 * for an imported (provisional) artist when Spotify's id becomes known. Pacing is off here (see
 * pacing.test.ts); the simulator's rate limit is off with it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { provisionalArtistId, upsertCatalog } from "@/lib/catalog";
import { storeSpotifyGenres } from "@/lib/genres";
import {
  advanceMusicBrainz,
  createMusicBrainzClient,
  databasePacer,
  MusicBrainzBudget,
  PAUSED_UNTIL_KEY,
  readPausedUntil,
  type AdvanceMusicBrainzResult,
} from "@/lib/musicbrainz";
import { startMusicBrainzSimulator, type MbLinkKind, type MbSpotifyEntry, type MusicBrainzSimulatorHandle } from "@/lib/simulator/musicbrainz";
import type { SpotifyTrack } from "@/lib/spotify";
import { expectedGenresFor, expectedMbidFor, minimumRequestsFor } from "../../helpers/musicbrainz-reference";
import { useTestDatabase } from "../../helpers/test-database";

const T0 = new Date("2026-03-02T12:00:00.000Z");
const DAY = 86_400_000;
const test = useTestDatabase();
let sim: MusicBrainzSimulatorHandle;

beforeAll(async () => {
  sim = await startMusicBrainzSimulator({ minIntervalMs: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.reset();
  await test.db.$executeRawUnsafe("TRUNCATE plays, track_artists, tracks, albums, artists, users, stats_rollup_state, app_state CASCADE");
});

function advance(options: { budget?: number; at?: Date; deadline?: Date; preferUserIds?: string[] } = {}): Promise<AdvanceMusicBrainzResult> {
  const budget = new MusicBrainzBudget(options.budget ?? 100);
  const now = () => options.at ?? T0;
  const client = createMusicBrainzClient({
    baseUrl: sim.url,
    userAgent: "Encore/0.1.0 ( http://127.0.0.1:3999 )",
    pacer: databasePacer(test.db, 0),
    budget,
    now,
    deadline: options.deadline,
    retryBaseDelayMs: 1,
  });
  return advanceMusicBrainz({ db: test.db, client, budget, now, deadline: options.deadline, preferUserIds: options.preferUserIds });
}

function entries(kind: MbLinkKind, count = 1): MbSpotifyEntry[] {
  const found = sim.catalogue.entries.filter((entry) => entry.kind === kind && entry.name !== "Various Artists").slice(0, count);
  if (found.length < count) throw new Error(`the simulator has fewer than ${count} ${kind} artists`);
  return found;
}

async function insertArtists(list: { id: string; name: string; genres?: string[]; genresSource?: string | null }[]): Promise<void> {
  await test.db.artist.createMany({ data: list.map((a) => ({ id: a.id, name: a.name, genres: a.genres ?? [], genresSource: a.genresSource ?? null })) });
}

const asArtist = (entry: MbSpotifyEntry) => ({ id: entry.spotifyArtistId, name: entry.name });
const artistRow = (id: string) => test.db.artist.findUniqueOrThrow({ where: { id } });
const urlLookups = () => sim.log().filter((entry) => entry.path === "/ws/2/url");

describe("lookup paths, as stored", () => {
  it("URL relationship, name search, ambiguous name, not found, no genres: each artist gets what the simulator says", async () => {
    const chosen = [...entries("url", 3), ...entries("name-only", 2), ...entries("ambiguous", 2), ...entries("absent", 2), ...entries("no-genres", 2)];
    await insertArtists(chosen.map(asArtist));
    const result = await advance();
    expect(result).toMatchObject({ stoppedBy: "empty", lookedUp: chosen.length, failed: 0 });
    expect(result.requests).toBe(chosen.reduce((sum, entry) => sum + minimumRequestsFor(sim.catalogue, entry.spotifyArtistId), 0));
    for (const entry of chosen) {
      const row = await artistRow(entry.spotifyArtistId);
      const genres = expectedGenresFor(sim.catalogue, entry.spotifyArtistId);
      expect({ kind: entry.kind, genres: row.genres, source: row.genresSource, mbid: row.musicbrainzId, checkedAt: row.musicbrainzCheckedAt }, entry.name).toEqual({
        kind: entry.kind,
        genres,
        source: genres.length ? "musicbrainz" : null,
        mbid: expectedMbidFor(sim.catalogue, entry.spotifyArtistId),
        checkedAt: T0,
      });
    }
    // Found through the URL relationship: no search was needed.
    const searched = sim.log().filter((entry) => entry.path === "/ws/2/artist").map((entry) => entry.params.query);
    for (const entry of entries("url", 3)) expect(searched).not.toContain(`artist:"${entry.name}"`);
    expect(result.withGenres + result.withoutGenres + result.notFound).toBe(chosen.length);
    expect(result.notFound).toBe(4);
  });

  it("a provisional artist from an import is searched by name only, and its genres follow it to the Spotify id", async () => {
    const [entry] = entries("url");
    const local = provisionalArtistId(entry.name);
    await insertArtists([{ id: local, name: entry.name }]);
    await advance();
    expect(urlLookups()).toEqual([]);
    expect((await artistRow(local)).genres).toEqual(expectedGenresFor(sim.catalogue, entry.spotifyArtistId));

    // Enrichment learns the Spotify ids: the provisional artist merges into the Spotify row, genres and all.
    await test.db.album.create({ data: { id: "local:album", name: "Album", artistName: entry.name } });
    await test.db.track.create({ data: { id: "tr1", name: "Song", albumId: "local:album" } });
    await test.db.trackArtist.create({ data: { trackId: "tr1", position: 0, artistId: local } });
    const artist = { id: entry.spotifyArtistId, name: entry.name, type: "artist", uri: `spotify:artist:${entry.spotifyArtistId}`, href: "", external_urls: {} };
    const track = {
      id: "tr1", name: "Song", duration_ms: 200_000, artists: [artist],
      album: { id: "al1", name: "Album", artists: [artist], total_tracks: 1, images: [], release_date: "2020" },
    } as unknown as SpotifyTrack;
    await test.db.$transaction((tx) => upsertCatalog(tx, [track], T0));
    expect(await test.db.artist.findUnique({ where: { id: local } })).toBeNull();
    const merged = await artistRow(entry.spotifyArtistId);
    expect(merged).toMatchObject({ genres: expectedGenresFor(sim.catalogue, entry.spotifyArtistId), genresSource: "musicbrainz", musicbrainzCheckedAt: T0 });
    sim.clearLog();
    expect(await advance()).toMatchObject({ lookedUp: 0, requests: 0 });
  });
});

describe("budget, resume, retry ages", () => {
  it("artists most streamed go first; a sign-in's collection puts its listener's artists first", async () => {
    const [popular, ours] = entries("url", 2);
    await insertArtists([asArtist(popular), asArtist(ours)]);
    await test.db.user.createMany({ data: [{ id: "u-ben", spotifyId: "ben" }, { id: "u-ada", spotifyId: "ada" }] });
    await test.db.track.createMany({ data: [{ id: "t-popular", name: "Popular" }, { id: "t-ours", name: "Ours" }] });
    await test.db.trackArtist.createMany({ data: [{ trackId: "t-popular", position: 0, artistId: popular.spotifyArtistId }, { trackId: "t-ours", position: 0, artistId: ours.spotifyArtistId }] });
    await test.db.$executeRaw`
      INSERT INTO stats_track_buckets (user_id, grain, bucket, track_id, streams, ms)
      VALUES ('u-ben', 'a', DATE '0001-01-01', 't-popular', 500, 500 * 180000), ('u-ada', 'a', DATE '0001-01-01', 't-ours', 3, 3 * 180000)`;
    // A budget for one artist (a lookup starts only when its longest path, 3 requests, fits): the cron run takes the most streamed one...
    const oneArtist = 3;
    expect(await advance({ budget: oneArtist })).toMatchObject({ lookedUp: 1 });
    expect((await artistRow(popular.spotifyArtistId)).musicbrainzCheckedAt).not.toBeNull();
    expect((await artistRow(ours.spotifyArtistId)).musicbrainzCheckedAt).toBeNull();
    // ...Ada's first collection takes hers, however few her streams.
    await test.db.artist.update({ where: { id: popular.spotifyArtistId }, data: { musicbrainzCheckedAt: null, musicbrainzId: null, genres: [], genresSource: null } });
    expect(await advance({ budget: oneArtist, preferUserIds: ["u-ada"] })).toMatchObject({ lookedUp: 1 });
    expect((await artistRow(ours.spotifyArtistId)).musicbrainzCheckedAt).not.toBeNull();
    expect((await artistRow(popular.spotifyArtistId)).musicbrainzCheckedAt).toBeNull();
  });

  it("a cron run takes every listener's most streamed artist before anyone's second", async () => {
    const [bensFirst, bensSecond, bensThird, adasFirst] = entries("url", 4);
    await insertArtists([bensFirst, bensSecond, bensThird, adasFirst].map(asArtist));
    await test.db.user.createMany({ data: [{ id: "u-ben", spotifyId: "ben" }, { id: "u-ada", spotifyId: "ada" }] });
    const tracks = [
      { id: "t-b1", artist: bensFirst, user: "u-ben", streams: 500 },
      { id: "t-b2", artist: bensSecond, user: "u-ben", streams: 400 },
      { id: "t-b3", artist: bensThird, user: "u-ben", streams: 300 },
      { id: "t-a1", artist: adasFirst, user: "u-ada", streams: 2 },
    ];
    await test.db.track.createMany({ data: tracks.map((track) => ({ id: track.id, name: track.id })) });
    await test.db.trackArtist.createMany({ data: tracks.map((track) => ({ trackId: track.id, position: 0, artistId: track.artist.spotifyArtistId })) });
    for (const track of tracks) {
      await test.db.$executeRaw`
        INSERT INTO stats_track_buckets (user_id, grain, bucket, track_id, streams, ms)
        VALUES (${track.user}, 'a', DATE '0001-01-01', ${track.id}, ${track.streams}, ${track.streams * 180000})`;
    }
    // Budget for two artists: Ben's first and Ada's first, though Ben's second has 200 times Ada's streams.
    expect(await advance({ budget: 6 })).toMatchObject({ lookedUp: 2 });
    const checked = async (entry: (typeof tracks)[number]["artist"]) => (await artistRow(entry.spotifyArtistId)).musicbrainzCheckedAt !== null;
    expect([await checked(bensFirst), await checked(adasFirst), await checked(bensSecond), await checked(bensThird)]).toEqual([true, true, false, false]);
    // Then Ben's second (his first not yet looked up now), before his third.
    expect(await advance({ budget: 3 })).toMatchObject({ lookedUp: 1 });
    expect([await checked(bensSecond), await checked(bensThird)]).toEqual([true, false]);
  });

  it("a run stops within its budget, never halfway through an artist; the next run resumes with the rest", async () => {
    const linked = entries("url", 6);
    await insertArtists(linked.map(asArtist));
    // 7 requests: three linked artists (2 each), then 1 left, fewer than an artist may need.
    const first = await advance({ budget: 7 });
    expect(first).toMatchObject({ stoppedBy: "budget", lookedUp: 3, requests: 6 });
    const second = await advance({ budget: 60 });
    expect(second).toMatchObject({ stoppedBy: "empty", lookedUp: 3, requests: 6 });
    // Every artist asked about exactly once.
    expect(urlLookups().map((entry) => entry.params.resource).sort()).toEqual(linked.map((e) => `https://open.spotify.com/artist/${e.spotifyArtistId}`).sort());
    for (const entry of linked) expect((await artistRow(entry.spotifyArtistId)).genres).toEqual(expectedGenresFor(sim.catalogue, entry.spotifyArtistId));
  });

  it("a run cut short after the MBID was found resumes with the genres (no second URL lookup); a failing MusicBrainz waits", async () => {
    const [entry] = entries("url");
    await insertArtists([asArtist(entry)]);
    sim.addFault({ path: "/ws/2/artist/", count: 3, kind: "500" });
    const failed = await advance();
    expect(failed).toMatchObject({ stoppedBy: "unavailable", failed: 1, lookedUp: 0 });
    expect(failed.error).toContain("gave up after 3 attempts");
    const row = await artistRow(entry.spotifyArtistId);
    expect(row).toMatchObject({ musicbrainzId: entry.mbids[0], musicbrainzCheckedAt: null, musicbrainzFailures: 1, genres: [] });
    expect(row.musicbrainzRetryAt).toEqual(new Date(T0.getTime() + 3600_000));

    // Not before its retry time...
    sim.clearLog();
    expect(await advance({ at: new Date(T0.getTime() + 30 * 60_000) })).toMatchObject({ lookedUp: 0, requests: 0 });
    // ...then one request: the genres of the MBID already found.
    const resumed = await advance({ at: new Date(T0.getTime() + 2 * 3600_000) });
    expect(resumed).toMatchObject({ lookedUp: 1, withGenres: 1, requests: 1 });
    expect(sim.log().map((e) => e.path)).toEqual([`/ws/2/artist/${entry.mbids[0]}`]);
    expect(await artistRow(entry.spotifyArtistId)).toMatchObject({ musicbrainzFailures: 0, musicbrainzRetryAt: null, genres: expectedGenresFor(sim.catalogue, entry.spotifyArtistId) });
  });

  it("asks again after 30 days when nothing (or no genres) was found, after 180 days when genres were, reusing a found MBID", async () => {
    const [withGenres] = entries("url");
    const [withoutGenres] = entries("no-genres");
    const [absent] = entries("absent");
    await insertArtists([withGenres, withoutGenres, absent].map(asArtist));
    expect(await advance({ at: T0 })).toMatchObject({ lookedUp: 3 });

    sim.clearLog();
    expect(await advance({ at: new Date(T0.getTime() + 30 * DAY - 1) })).toMatchObject({ lookedUp: 0, requests: 0 });
    const month = await advance({ at: new Date(T0.getTime() + 30 * DAY) });
    expect(month).toMatchObject({ lookedUp: 2, requests: 1 + 2 });
    // The artist without genres: its MBID is reused (1 request); the absent one is looked for again (2).
    expect(sim.log().map((e) => e.path).sort()).toEqual([`/ws/2/artist`, `/ws/2/artist/${withoutGenres.mbids[0]}`, `/ws/2/url`].sort());

    sim.clearLog();
    expect(await advance({ at: new Date(T0.getTime() + 180 * DAY - 1) })).toMatchObject({ lookedUp: 2 }); // the two re-checked at day 30 are due again at day 60...
    expect(sim.log().some((e) => e.path === `/ws/2/artist/${withGenres.mbids[0]}`)).toBe(false);
    sim.clearLog();
    const halfYear = await advance({ at: new Date(T0.getTime() + 180 * DAY) });
    expect(halfYear).toMatchObject({ lookedUp: 1, withGenres: 1, requests: 1 });
    expect(sim.log().map((e) => e.path)).toEqual([`/ws/2/artist/${withGenres.mbids[0]}`]);
    expect((await artistRow(withGenres.spotifyArtistId)).musicbrainzCheckedAt).toEqual(new Date(T0.getTime() + 180 * DAY));
  });

  it("a long Retry-After pauses the queue for every process until then", async () => {
    const linked = entries("url", 2);
    await insertArtists(linked.map(asArtist));
    sim.addFault({ path: "/ws/2/url", count: 1, kind: "503", retryAfter: 7200 });
    const paused = await advance();
    expect(paused).toMatchObject({ stoppedBy: "paused", lookedUp: 0, requests: 1 });
    expect(paused.pausedUntil).toEqual(new Date(T0.getTime() + 7200_000));
    expect(await readPausedUntil(test.db)).toEqual(new Date(T0.getTime() + 7200_000));
    sim.clearLog();
    expect(await advance({ at: new Date(T0.getTime() + 3600_000) })).toMatchObject({ stoppedBy: "paused", requests: 0 });
    expect(sim.log()).toEqual([]);
    expect(await advance({ at: new Date(T0.getTime() + 7200_000) })).toMatchObject({ stoppedBy: "empty", lookedUp: 2 });
    expect(await test.db.appState.findUnique({ where: { key: PAUSED_UNTIL_KEY } })).not.toBeNull();
  });

  it("one process at a time: a second run while the first holds the queue leaves it", async () => {
    await insertArtists(entries("url", 3).map(asArtist));
    sim.setLatency(150);
    const [first, second] = await Promise.all([advance(), new Promise((resolve) => setTimeout(resolve, 50)).then(() => advance())]);
    expect([first.stoppedBy, second.stoppedBy].sort()).toEqual(["busy", "empty"]);
    expect(first.lookedUp + second.lookedUp).toBe(3);
    expect(urlLookups()).toHaveLength(3);
  });
});

describe("Spotify genres win", () => {
  it("an artist with Spotify genres is never looked up; Spotify's genres replace MusicBrainz's, and an empty Spotify answer keeps them", async () => {
    const [spotifyOne, musicbrainzOne] = entries("url", 2);
    await insertArtists([
      { ...asArtist(spotifyOne), genres: ["spotify pop"], genresSource: "spotify" },
      asArtist(musicbrainzOne),
    ]);
    await advance();
    expect(urlLookups().map((e) => e.params.resource)).toEqual([`https://open.spotify.com/artist/${musicbrainzOne.spotifyArtistId}`]);
    expect(await artistRow(spotifyOne.spotifyArtistId)).toMatchObject({ genres: ["spotify pop"], genresSource: "spotify", musicbrainzCheckedAt: null });
    const fromMusicBrainz = expectedGenresFor(sim.catalogue, musicbrainzOne.spotifyArtistId);

    // A development-mode app's artist object has no genres: MusicBrainz's stay.
    await storeSpotifyGenres(test.db, musicbrainzOne.spotifyArtistId, undefined);
    await storeSpotifyGenres(test.db, musicbrainzOne.spotifyArtistId, []);
    expect(await artistRow(musicbrainzOne.spotifyArtistId)).toMatchObject({ genres: fromMusicBrainz, genresSource: "musicbrainz" });
    // An extended-quota app's genres win, and MusicBrainz is not asked about the artist again.
    await storeSpotifyGenres(test.db, musicbrainzOne.spotifyArtistId, ["art rock", "art rock", "krautrock"]);
    expect(await artistRow(musicbrainzOne.spotifyArtistId)).toMatchObject({ genres: ["art rock", "krautrock"], genresSource: "spotify" });
    sim.clearLog();
    expect(await advance({ at: new Date(T0.getTime() + 365 * DAY) })).toMatchObject({ requests: 0 });
    // Spotify no longer gives them (the app lost extended quota): they are cleared, and MusicBrainz asked.
    await storeSpotifyGenres(test.db, musicbrainzOne.spotifyArtistId, []);
    expect(await artistRow(musicbrainzOne.spotifyArtistId)).toMatchObject({ genres: [], genresSource: null });
    expect(await advance({ at: new Date(T0.getTime() + 365 * DAY) })).toMatchObject({ withGenres: 1 });
    expect((await artistRow(musicbrainzOne.spotifyArtistId)).genres).toEqual(fromMusicBrainz);
  });

  it("Spotify genres arriving during a lookup are kept: MusicBrainz's answer only records the lookup", async () => {
    const [entry] = entries("url");
    await insertArtists([asArtist(entry)]);
    sim.setLatency(300);
    const running = advance();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await storeSpotifyGenres(test.db, entry.spotifyArtistId, ["from spotify"]);
    await running;
    expect(await artistRow(entry.spotifyArtistId)).toMatchObject({ genres: ["from spotify"], genresSource: "spotify", musicbrainzId: entry.mbids[0] });
  });
});
