/**
 * MusicBrainz genres inside an ingestion run (the cron endpoint's code path): GENRES=spotify
 * sends nothing; a development-mode app's artists get MusicBrainz's genres; an extended-quota
 * app's Spotify genres win; and the report's topGenres after the queue ran equals an independent
 * computation over a generated history (several users and time zones, DST changes, a year end,
 * multi-artist tracks).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import packageJson from "@/package.json";
import { refreshArtistDetails } from "@/lib/ingest/artist-details";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import { createSpotifyClient } from "@/lib/spotify";
import { startSimulator, type Catalogue, type SimulatorHandle } from "@/lib/simulator";
import { SeededRandom } from "@/lib/simulator/random";
import { startMusicBrainzSimulator, type MusicBrainzSimulatorHandle } from "@/lib/simulator/musicbrainz";
import { rebuildRollups } from "@/lib/stats/rollups";
import { getReport } from "@/lib/stats/report";
import { startOfLocalDate } from "@/lib/stats/local-time";
import { getGenreCoverage } from "@/lib/genres";
import { expectedGenresFor } from "../../helpers/musicbrainz-reference";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { insertHistory, type FixturePlay, type History } from "../../helpers/stats-fixtures";
import { referenceReport } from "../../helpers/stats-reference";
import { useTestDatabase } from "../../helpers/test-database";

const transport: IngestOptions["transport"] = { retryBaseDelayMs: 1, sleep: async () => undefined };
const fastMusicBrainz: IngestOptions["musicbrainz"] = { spacingMs: 0, retryBaseDelayMs: 1 };
const test = useTestDatabase();
let mb: MusicBrainzSimulatorHandle;
let spotify: SimulatorHandle;
let simClock = Date.parse("2026-03-04T12:00:00.000Z");
const savedEnv = {
  GENRES: process.env.GENRES,
  MUSICBRAINZ_URL: process.env.MUSICBRAINZ_URL,
  MUSICBRAINZ_RUN_BUDGET: process.env.MUSICBRAINZ_RUN_BUDGET,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL,
};

beforeAll(async () => {
  mb = await startMusicBrainzSimulator({ minIntervalMs: 0 });
  spotify = await startSimulator({ port: 0, accessTokenTtlSeconds: 30 * 86_400, now: () => new Date(simClock) });
  useSimulatorEnvironment(spotify);
  process.env.MUSICBRAINZ_URL = mb.url;
});
afterAll(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await spotify.close();
  await mb.close();
});
beforeEach(async () => {
  mb.reset();
  spotify.clearLog();
  // Rollup rows go with their user's stats_rollup_state row through a row trigger, which TRUNCATE does not fire.
  await test.db.$executeRaw`DELETE FROM stats_rollup_state`;
  await test.db.$executeRawUnsafe("TRUNCATE plays, track_artists, tracks, albums, artists, users, app_state, ingest_runs CASCADE");
});

async function artistsInDb() {
  return test.db.artist.findMany({ orderBy: { id: "asc" } });
}

describe("the genres stage of a run", () => {
  it("GENRES=spotify: nothing is sent to MusicBrainz; by default the run looks up the artists Spotify gave no genres", async () => {
    spotify.setQuota("development");
    await connectListener(spotify, test.db, "ada");
    process.env.GENRES = "spotify";
    await runIngestion({ db: test.db, transport, musicbrainz: fastMusicBrainz });
    expect(mb.log()).toEqual([]);
    const artists = await artistsInDb();
    expect(artists.length).toBeGreaterThan(3);
    expect(artists.every((artist) => artist.genres.length === 0 && artist.musicbrainzCheckedAt === null)).toBe(true);

    process.env.GENRES = "musicbrainz";
    process.env.MUSICBRAINZ_RUN_BUDGET = "1000";
    process.env.NEXTAUTH_URL = "https://encore.example.org";
    simClock += 3600_000;
    await runIngestion({ db: test.db, transport, musicbrainz: fastMusicBrainz });
    // MusicBrainz asks for the application and a contact: the version and the public URL.
    expect(new Set(mb.log().map((entry) => entry.userAgent))).toEqual(new Set([`Encore/${packageJson.version} ( https://encore.example.org )`]));
    for (const artist of await artistsInDb()) {
      expect(artist.musicbrainzCheckedAt, artist.name).not.toBeNull();
      expect(artist.genres, artist.name).toEqual(expectedGenresFor(mb.catalogue, artist.id));
    }
    // The budget holds: with MUSICBRAINZ_RUN_BUDGET=3 a run sends at most 3 requests.
    await test.db.$executeRaw`UPDATE artists SET musicbrainz_checked_at = NULL, musicbrainz_id = NULL`;
    mb.clearLog();
    process.env.MUSICBRAINZ_RUN_BUDGET = "3";
    await runIngestion({ db: test.db, transport, musicbrainz: fastMusicBrainz });
    expect(mb.log().length).toBeGreaterThan(0);
    expect(mb.log().length).toBeLessThanOrEqual(3);
    delete process.env.MUSICBRAINZ_RUN_BUDGET;
  });

  it("an extended-quota app: Spotify's genres win and those artists are never asked about", async () => {
    spotify.setQuota("extended");
    const catalogue = spotify.state.catalogue;
    await test.db.artist.createMany({ data: catalogue.artists.map((artist) => ({ id: artist.id, name: artist.name })) });
    // The artist details every run reads (GET /v1/artists/{id}), as an extended-quota app gets them.
    const { accessToken } = spotify.state.issueAccessToken({ listenerId: "ada", scope: "" });
    const client = createSpotifyClient({ accessToken, apiUrl: spotify.url, ...transport });
    await refreshArtistDetails(test.db, client, catalogue.artists.map((artist) => artist.id), new Date(simClock));
    process.env.GENRES = "musicbrainz";
    process.env.MUSICBRAINZ_RUN_BUDGET = "1000";
    await runIngestion({ db: test.db, transport, musicbrainz: fastMusicBrainz });
    delete process.env.MUSICBRAINZ_RUN_BUDGET;
    const artists = await artistsInDb();
    const spotifyGenres = (id: string) => catalogue.artistById.get(id)!.genres;
    const withSpotifyGenres = artists.filter((artist) => spotifyGenres(artist.id).length > 0);
    const without = artists.filter((artist) => spotifyGenres(artist.id).length === 0);
    expect(withSpotifyGenres.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);
    for (const artist of withSpotifyGenres) expect(artist).toMatchObject({ genres: spotifyGenres(artist.id), genresSource: "spotify", musicbrainzCheckedAt: null });
    for (const artist of without) expect(artist.genres, artist.name).toEqual(expectedGenresFor(mb.catalogue, artist.id));
    const asked = new Set(mb.log().filter((e) => e.path === "/ws/2/url").map((e) => e.params.resource.split("/").pop()));
    expect([...asked].sort()).toEqual(without.map((artist) => artist.id).sort());
    spotify.setQuota("development");
  });
});

/** Two listeners over Spotify simulator tracks, across a year end and both DST changes of 2025/2026. */
function generatedHistory(catalogue: Catalogue): History {
  const random = new SeededRandom("musicbrainz-top-genres");
  const users = [
    { id: "u-berlin", spotifyId: "berlin", timeZone: "Europe/Berlin" },
    { id: "u-sydney", spotifyId: "sydney", timeZone: "Australia/Sydney" },
  ];
  const tracks = catalogue.tracks.slice(0, 400);
  const used = new Set(tracks.flatMap((track) => track.artistIds));
  const plays: FixturePlay[] = [];
  const windows = [Date.UTC(2025, 9, 20), Date.UTC(2025, 11, 24), Date.UTC(2026, 2, 24)];
  for (const user of users) {
    for (const start of windows) {
      let at = start + random.int(0, 86_400_000);
      for (let i = 0; i < 150; i += 1) {
        const track = random.pick(tracks);
        plays.push({ userId: user.id, trackId: track.id, playedAt: new Date(at), msPlayed: random.pick([null, 12_000, 30_000, 29_999, 185_000]) });
        at += random.pick([60_000, 200_000, 3_600_000, 20 * 3_600_000]);
      }
    }
  }
  return {
    users,
    artists: catalogue.artists.filter((artist) => used.has(artist.id)).map((artist) => ({ id: artist.id, name: artist.name })),
    albums: catalogue.albums.map((album) => ({ id: album.id, name: album.name, totalTracks: album.trackIds.length })),
    tracks: tracks.map((track) => ({ id: track.id, name: track.name, durationMs: track.durationMs, albumId: track.albumId, artistIds: track.artistIds })),
    plays,
  };
}

describe("the report after the queue ran", () => {
  it("topGenres equals an independent computation from the simulator's genres, for every user, zone and range", async () => {
    const history = generatedHistory(spotify.state.catalogue);
    expect(history.tracks.some((track) => track.artistIds.length > 1)).toBe(true);
    await insertHistory(test.db, history);
    for (const user of history.users) await rebuildRollups(test.db, user.id);
    process.env.GENRES = "musicbrainz";
    process.env.MUSICBRAINZ_RUN_BUDGET = "1000";
    // No one is connected: the stage runs all the same (it needs no Spotify token).
    await runIngestion({ db: test.db, transport, musicbrainz: fastMusicBrainz, now: () => new Date("2026-04-01T00:00:00.000Z") });
    delete process.env.MUSICBRAINZ_RUN_BUDGET;

    const withGenres = { ...history, artists: history.artists.map((artist) => ({ ...artist, genres: expectedGenresFor(mb.catalogue, artist.id) })) };
    expect(withGenres.artists.filter((artist) => artist.genres.length > 0).length).toBeGreaterThan(history.artists.length / 2);
    expect(withGenres.artists.some((artist) => artist.genres.length === 0)).toBe(true);
    const now = new Date("2026-04-01T00:00:00.000Z");
    for (const user of history.users) {
      const ranges: [Date | null, Date | null][] = [
        [null, null],
        [startOfLocalDate("2025-12-01", user.timeZone), startOfLocalDate("2026-01-01", user.timeZone)],
        [startOfLocalDate("2026-01-01", user.timeZone), null],
        [new Date(Date.UTC(2025, 9, 25, 13, 17)), new Date(Date.UTC(2026, 2, 29, 1, 30))],
      ];
      for (const [from, to] of ranges) {
        for (const limit of [3, 50]) {
          const filter = { userId: user.id, from, to, timeZone: user.timeZone, limit, now };
          const expected = referenceReport(withGenres, filter).topGenres;
          expect((await getReport(test.db, filter)).topGenres, `${user.spotifyId} ${from?.toISOString()}..${to?.toISOString()} limit ${limit}`).toEqual(expected);
        }
      }
      const coverage = await getGenreCoverage(test.db, user.id, now);
      const streamedArtists = new Set(
        history.plays
          .filter((play) => play.userId === user.id && (play.msPlayed === null || play.msPlayed >= 30_000))
          .flatMap((play) => history.tracks.find((track) => track.id === play.trackId)!.artistIds),
      );
      expect(coverage).toMatchObject({
        artists: streamedArtists.size,
        withoutGenres: [...streamedArtists].filter((id) => expectedGenresFor(mb.catalogue, id).length === 0).length,
        fromSpotify: 0,
        lookups: { pending: 0 },
      });
      expect(coverage.fromMusicBrainz + coverage.withoutGenres).toBe(coverage.artists);
      // Without rollups (none built yet, or dropped), the same counts from the plays themselves.
      await test.db.statsRollupState.deleteMany({ where: { userId: user.id } });
      expect(await getGenreCoverage(test.db, user.id, now)).toEqual(coverage);
      await rebuildRollups(test.db, user.id);
    }
  });
});
