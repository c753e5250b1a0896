/**
 * Genres found by the MusicBrainz queue change no one's plays or rollups, so a cached report
 * (lib/stats/report-cache.ts) may show the genres it was computed with, but for at most a minute.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { advanceMusicBrainz, createMusicBrainzClient, databasePacer, MusicBrainzBudget } from "@/lib/musicbrainz";
import { generateCatalogue } from "@/lib/simulator";
import { startMusicBrainzSimulator, type MusicBrainzSimulatorHandle } from "@/lib/simulator/musicbrainz";
import { CATALOGUE_TTL_MS } from "@/lib/stats/figures-cache";
import { clearReportCache, getCachedReport } from "@/lib/stats/report-cache";
import { rebuildRollups } from "@/lib/stats/rollups";
import { expectedGenresFor } from "../../helpers/musicbrainz-reference";
import { insertHistory } from "../../helpers/stats-fixtures";
import { referenceReport } from "../../helpers/stats-reference";
import { useTestDatabase } from "../../helpers/test-database";

const test = useTestDatabase();
let sim: MusicBrainzSimulatorHandle;

beforeAll(async () => {
  sim = await startMusicBrainzSimulator({ minIntervalMs: 0 });
});
afterAll(async () => {
  vi.restoreAllMocks();
  clearReportCache();
  await sim.close();
});

it("a cached report shows MusicBrainz's genres within CATALOGUE_TTL_MS (one minute) of the lookups", async () => {
  expect(CATALOGUE_TTL_MS).toBeLessThanOrEqual(60_000);
  const catalogue = generateCatalogue();
  const linked = sim.catalogue.entries.filter((entry) => entry.kind === "url").slice(0, 3);
  const tracks = linked.map((entry, i) => ({ id: `tr${i}`, name: `Song ${i}`, durationMs: 200_000, albumId: null, artistIds: [entry.spotifyArtistId] }));
  const history = {
    users: [{ id: "u1", spotifyId: "listener", timeZone: "Europe/Berlin" }],
    artists: linked.map((entry) => ({ id: entry.spotifyArtistId, name: catalogue.artistById.get(entry.spotifyArtistId)!.name })),
    albums: [],
    tracks,
    plays: tracks.flatMap((track, i) => Array.from({ length: 3 + i }, (_, k) => ({ userId: "u1", trackId: track.id, playedAt: new Date(Date.UTC(2026, 1, 1 + k, 12 + i)), msPlayed: 200_000 }))),
  };
  await insertHistory(test.db, history);
  await rebuildRollups(test.db, "u1");
  clearReportCache();
  const filter = { userId: "u1", from: null, to: null, timeZone: "Europe/Berlin", limit: 10, now: new Date("2026-03-01T00:00:00.000Z") };
  expect((await getCachedReport(test.db, filter)).report.topGenres).toEqual([]);

  const budget = new MusicBrainzBudget(50);
  const client = createMusicBrainzClient({ baseUrl: sim.url, userAgent: "Encore/0.1.0 ( http://127.0.0.1:3999 )", pacer: databasePacer(test.db, 0), budget });
  expect(await advanceMusicBrainz({ db: test.db, client, budget })).toMatchObject({ withGenres: 3 });

  const expected = referenceReport({ ...history, artists: history.artists.map((a) => ({ ...a, genres: expectedGenresFor(sim.catalogue, a.id) })) }, filter).topGenres;
  expect(expected.length).toBeGreaterThan(0);
  const realNow = Date.now();
  vi.spyOn(Date, "now").mockReturnValue(realNow + CATALOGUE_TTL_MS + 1);
  expect((await getCachedReport(test.db, filter)).report.topGenres).toEqual(expected);
});
