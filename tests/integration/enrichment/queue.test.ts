import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isProvisionalId, provisionalAlbumId, provisionalArtistId } from "@/lib/catalog";
import { advanceEnrichment, getEnrichmentState } from "@/lib/enrichment";
import { importSpotifyExport } from "@/lib/import";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { createSpotifyClient, RequestBudget } from "@/lib/spotify";
import { getReport } from "@/lib/stats/report";
import { useTestDatabase } from "../../helpers/test-database";

const test = useTestDatabase();
let sim: SimulatorHandle;
let tmp: string;

beforeAll(async () => {
  // Genres come from Spotify only for extended-quota apps (SPEC 5b); this test reads them there.
  sim = await startSimulator({ port: 0, quota: "extended" });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "encore-enrich-"));
});

afterAll(async () => {
  await sim.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("enrichment queue against the simulator", () => {
  it("pauses on a long Retry-After, then fills tracks, albums, credits and genres and merges provisional rows", async () => {
    const catalogue = sim.state.catalogue;
    const album = catalogue.albums.find((a) => a.trackIds.length >= 2 && catalogue.trackById.get(a.trackIds[0])!.artistIds.length >= 2)!;
    const [first, second] = album.trackIds.map((id) => catalogue.trackById.get(id)!);
    const albumArtist = catalogue.artistById.get(album.artistIds[0])!.name;
    const entry = (ts: string, trackId: string, name: string) => ({
      ts, ms_played: 100000, spotify_track_uri: `spotify:track:${trackId}`, master_metadata_track_name: name,
      master_metadata_album_artist_name: albumArtist, master_metadata_album_album_name: album.name,
      reason_start: "trackdone", reason_end: "trackdone", shuffle: false, skipped: false, offline: false, platform: "linux", conn_country: "SE",
    });
    const file = path.join(tmp, "Streaming_History_Audio_2025.json");
    fs.writeFileSync(file, JSON.stringify([
      entry("2025-01-01T10:00:00Z", first.id, first.name),
      entry("2025-01-01T10:05:00Z", second.id, second.name),
      entry("2025-01-01T10:10:00Z", "0000000000000000gone01", "Withdrawn song"),
    ]));
    const user = await test.db.user.create({ data: { spotifyId: "ada" } });
    await importSpotifyExport({ userId: user.id, inputs: [file] });
    const localAlbum = provisionalAlbumId(album.name, albumArtist);
    expect((await test.db.track.findUniqueOrThrow({ where: { id: second.id } })).albumId).toBe(localAlbum);
    expect(await getEnrichmentState(test.db)).toEqual({ pending: 3, pausedUntil: null });

    const { accessToken } = sim.state.issueAccessToken({ listenerId: "ada", scope: "" });
    const client = createSpotifyClient({ accessToken, apiUrl: sim.url, maxRetryAfterSeconds: 10, sleep: async () => undefined });

    // Two hours of Retry-After: the whole queue pauses until then, persisted for every process.
    sim.addFault({ path: "/v1/tracks/", count: 1, kind: "429", retryAfter: 7200 });
    const paused = await advanceEnrichment({ db: test.db, client, budget: new RequestBudget(50) });
    expect(paused.stoppedBy).toBe("paused");
    const state = await getEnrichmentState(test.db);
    expect(state.pending).toBe(3);
    expect(state.pausedUntil!.getTime()).toBeGreaterThan(Date.now() + 7100_000);
    sim.clearLog();
    expect(await advanceEnrichment({ db: test.db, client })).toMatchObject({ stoppedBy: "paused", requests: 0 });
    expect(sim.log()).toHaveLength(0);

    // Three hours later the queue resumes.
    const later = () => new Date(Date.now() + 3 * 3600_000);
    const budget = new RequestBudget(50);
    const resumed = await advanceEnrichment({ db: test.db, client: createSpotifyClient({ accessToken, apiUrl: sim.url, budget }), budget, now: later });
    expect(resumed.stoppedBy).toBe("empty");
    const artistIds = new Set([...first.artistIds, ...second.artistIds]);
    // Two tracks, one not found, one call per distinct credited artist.
    expect(resumed.requests).toBe(3 + artistIds.size);

    const track = await test.db.track.findUniqueOrThrow({ where: { id: first.id }, include: { album: true, artists: { orderBy: { position: "asc" } } } });
    expect(track.durationMs).toBe(first.durationMs);
    expect(track.enrichedAt).not.toBeNull();
    expect(track.album).toMatchObject({ id: album.id, totalTracks: album.trackIds.length });
    expect(track.artists.map((a) => a.artistId)).toEqual(first.artistIds);
    expect((await test.db.track.findUniqueOrThrow({ where: { id: second.id } })).albumId).toBe(album.id);
    expect(await test.db.album.findUnique({ where: { id: localAlbum } })).toBeNull();
    expect(await test.db.artist.findUnique({ where: { id: provisionalArtistId(albumArtist) } })).toBeNull();
    const mainArtist = await test.db.artist.findUniqueOrThrow({ where: { id: first.artistIds[0] } });
    expect(mainArtist.genres).toEqual(catalogue.artistById.get(first.artistIds[0])!.genres);
    expect(mainArtist.detailsFetchedAt).not.toBeNull();
    // The withdrawn track's task was dropped; it named the same album, so it follows the merge.
    const gone = await test.db.track.findUniqueOrThrow({ where: { id: "0000000000000000gone01" } });
    expect(gone.enrichedAt).toBeNull();
    expect(gone.albumId).toBe(album.id);
    expect(await test.db.album.count({ where: { id: { startsWith: "local:" } } })).toBe(0);
    expect(isProvisionalId(localAlbum)).toBe(true);
    expect(await test.db.play.count({ where: { userId: user.id } })).toBe(3);
    // The import built the listener's rollups; enrichment re-credited the tracks, and the
    // report (read from the rollups) credits the Spotify artists, with no rollup marker left.
    const report = await getReport(test.db, { userId: user.id, from: null, to: null, timeZone: "UTC", limit: 50, now: later() });
    for (const ranked of [report.topArtists, report.streaks.artists]) {
      const creditedIds = new Set(ranked.map((artist) => artist.id));
      for (const id of [...first.artistIds, ...second.artistIds]) expect(creditedIds.has(id)).toBe(true);
      expect(ranked.some((artist) => isProvisionalId(artist.id))).toBe(false);
    }
    expect(await test.db.enrichmentTask.count()).toBe(0);

    // Nothing left, nothing asked again.
    sim.clearLog();
    const again = await advanceEnrichment({ db: test.db, client, now: later });
    expect(again).toMatchObject({ stoppedBy: "empty", requests: 0 });
    expect(sim.log()).toHaveLength(0);
    expect(await getEnrichmentState(test.db, later())).toEqual({ pending: 0, pausedUntil: null });
  });

  it("stops when the run's budget is spent and leaves the rest queued", async () => {
    const ids = sim.state.catalogue.tracks.slice(100, 104).map((t) => t.id);
    await test.db.enrichmentTask.createMany({ data: ids.map((spotifyId) => ({ kind: "track", spotifyId })) });
    for (const id of ids) await test.db.track.create({ data: { id, name: id } });
    const { accessToken } = sim.state.issueAccessToken({ listenerId: "ada", scope: "" });
    const budget = new RequestBudget(2);
    const later = () => new Date(Date.now() + 3 * 3600_000);
    const result = await advanceEnrichment({ db: test.db, client: createSpotifyClient({ accessToken, apiUrl: sim.url, budget }), budget, now: later });
    expect(result).toMatchObject({ stoppedBy: "budget", requests: 2 });
    expect(await test.db.enrichmentTask.count()).toBeGreaterThanOrEqual(2);
  });
});
