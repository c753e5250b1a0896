/**
 * Ids from old exports that Spotify no longer knows (404 on GET /v1/tracks/{id} or
 * /v1/artists/{id}): the lookup is final. The track keeps what the export said, its plays count,
 * nothing asks about it again, the status counts it, and the run is ok. Against the simulator,
 * which answers 404 for ids outside its catalogue, through the whole cron run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionalAlbumId, provisionalArtistId } from "@/lib/catalog";
import { advanceEnrichment } from "@/lib/enrichment";
import { importSpotifyExport } from "@/lib/import";
import { refreshArtistDetails } from "@/lib/ingest/artist-details";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import { enrichmentStatus } from "@/lib/ingest/status";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { createSpotifyClient, RequestBudget } from "@/lib/spotify";
import { getReport } from "@/lib/stats/report";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { useTestDatabase } from "../../helpers/test-database";

const GONE_TRACK = "0000000000000000gone01";
const GONE_ARTIST = "0000000000000000gone02";
const SIM_NOW = Date.parse("2026-03-04T12:00:00.000Z");
const transport: IngestOptions["transport"] = { retryBaseDelayMs: 1, sleep: async () => undefined };

const test = useTestDatabase();
let sim: SimulatorHandle;
let tmp: string;
let ada: string;
let exportFile: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => new Date(SIM_NOW), accessTokenTtlSeconds: 30 * 86_400 });
  useSimulatorEnvironment(sim);
  ada = (await connectListener(sim, test.db, "ada")).userId;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "encore-unknown-"));
  const known = sim.state.catalogue.tracks[200];
  const knownAlbum = sim.state.catalogue.albumById.get(known.albumId)!;
  const knownArtist = sim.state.catalogue.artistById.get(knownAlbum.artistIds[0])!;
  const entry = (ts: string, uri: string, name: string, artist: string, album: string) => ({
    ts, ms_played: 200000, spotify_track_uri: uri, master_metadata_track_name: name,
    master_metadata_album_artist_name: artist, master_metadata_album_album_name: album,
    reason_start: "trackdone", reason_end: "trackdone", shuffle: false, skipped: false, offline: false, platform: "android", conn_country: "DE",
  });
  exportFile = path.join(tmp, "Streaming_History_Audio_2019.json");
  fs.writeFileSync(exportFile, JSON.stringify([
    entry("2019-05-01T10:00:00Z", `spotify:track:${GONE_TRACK}`, "Withdrawn Song", "Old Band", "Old Album"),
    entry("2019-05-01T10:04:00Z", `spotify:track:${known.id}`, known.name, knownArtist.name, knownAlbum.name),
    entry("2019-05-02T10:00:00Z", `spotify:track:${GONE_TRACK}`, "Withdrawn Song", "Old Band", "Old Album"),
  ]));
  await importSpotifyExport({ userId: ada, inputs: [exportFile] });
});

afterAll(async () => {
  await sim.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("tracks and artists Spotify does not know", () => {
  it("the simulator answers 404 for an unknown id", async () => {
    const { accessToken } = sim.state.issueAccessToken({ listenerId: "ada", scope: "" });
    for (const kind of ["tracks", "artists"]) {
      const response = await fetch(`${sim.url}/v1/${kind}/${GONE_TRACK}`, { headers: { Authorization: `Bearer ${accessToken}` } });
      expect(response.status).toBe(404);
    }
  });

  it("a run asks once, keeps the export's track, marks it, counts it, and is ok", async () => {
    expect(await enrichmentStatus(test.db, ada, new Date(SIM_NOW))).toMatchObject({ pending: 2, unknownToSpotify: 0 });
    sim.clearLog();
    const result = await runIngestion({ db: test.db, transport, now: () => new Date(SIM_NOW) });
    expect(result.users).toEqual([{ spotifyId: "ada", status: "ok", inserted: 50, gap: false }]);
    const run = await test.db.ingestRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.status).toBe("succeeded");
    expect(run.error).toBeNull();
    expect(sim.log().filter((entry) => entry.path === `/v1/tracks/${GONE_TRACK}`).map((entry) => entry.status)).toEqual([404]);

    const track = await test.db.track.findUniqueOrThrow({ where: { id: GONE_TRACK }, include: { album: true, artists: { include: { artist: true } } } });
    expect(track).toMatchObject({ name: "Withdrawn Song", durationMs: null, enrichedAt: null, albumId: provisionalAlbumId("Old Album", "Old Band") });
    expect(track.spotifyMissingAt?.toISOString()).toBe(new Date(SIM_NOW).toISOString());
    expect(track.album?.name).toBe("Old Album");
    expect(track.artists.map((credit) => [credit.artistId, credit.artist.name])).toEqual([[provisionalArtistId("Old Band"), "Old Band"]]);
    expect(await test.db.enrichmentTask.count({ where: { kind: "track", spotifyId: GONE_TRACK } })).toBe(0);

    // Its plays count like any other: two streams of the export's artist and track.
    const report = await getReport(test.db, { userId: ada, from: new Date("2019-01-01T00:00:00Z"), to: new Date("2020-01-01T00:00:00Z"), timeZone: "UTC", limit: 10, now: new Date(SIM_NOW) });
    expect(report.topTracks.find((t) => t.id === GONE_TRACK)).toMatchObject({ name: "Withdrawn Song", artists: ["Old Band"], streams: 2 });
    expect(report.totals.plays).toBe(3);

    const status = await enrichmentStatus(test.db, ada, new Date(SIM_NOW));
    expect(status.unknownToSpotify).toBe(1);
    expect(status.pending).toBe(0);
  });

  it("nothing asks again: not the next run, not a second import of the same export", async () => {
    await importSpotifyExport({ userId: ada, inputs: [exportFile] });
    expect(await test.db.enrichmentTask.count({ where: { kind: "track", spotifyId: GONE_TRACK } })).toBe(0);
    // Even a task queued again by hand is found already answered.
    await test.db.enrichmentTask.create({ data: { kind: "track", spotifyId: GONE_TRACK } });
    sim.clearLog();
    const result = await runIngestion({ db: test.db, transport, now: () => new Date(SIM_NOW + 3600_000) });
    expect(result.users.map((user) => user.status)).toEqual(["ok"]);
    expect(sim.log().filter((entry) => entry.path.startsWith("/v1/tracks/"))).toEqual([]);
    expect(await test.db.enrichmentTask.count({ where: { kind: "track" } })).toBe(0);
    expect((await enrichmentStatus(test.db, ada, new Date(SIM_NOW))).unknownToSpotify).toBe(1);
  });

  it("an artist Spotify does not know is marked once, by the queue or by the run's artist details, and never asked again", async () => {
    await test.db.artist.create({ data: { id: GONE_ARTIST, name: "Vanished Artist" } });
    await test.db.enrichmentTask.create({ data: { kind: "artist", spotifyId: GONE_ARTIST } });
    const { accessToken } = sim.state.issueAccessToken({ listenerId: "ada", scope: "" });
    const budget = new RequestBudget(10);
    const client = createSpotifyClient({ accessToken, apiUrl: sim.url, budget, ...transport });
    sim.clearLog();
    const first = await advanceEnrichment({ db: test.db, client, budget, now: () => new Date(SIM_NOW) });
    expect(first).toMatchObject({ stoppedBy: "empty", requests: 1 });
    const artist = await test.db.artist.findUniqueOrThrow({ where: { id: GONE_ARTIST } });
    expect(artist.name).toBe("Vanished Artist");
    expect(artist.spotifyMissingAt).not.toBeNull();

    // Thirty-one days later neither the queue nor the artist-details pass asks again.
    const later = new Date(SIM_NOW + 31 * 86_400_000);
    await test.db.enrichmentTask.create({ data: { kind: "artist", spotifyId: GONE_ARTIST } });
    expect(await advanceEnrichment({ db: test.db, client, budget, now: () => later })).toMatchObject({ requests: 0 });
    expect(await refreshArtistDetails(test.db, client, [GONE_ARTIST], later)).toBe(0);
    expect(sim.log().filter((entry) => entry.path === `/v1/artists/${GONE_ARTIST}`).map((entry) => entry.status)).toEqual([404]);
  });
});
