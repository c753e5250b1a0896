/**
 * lib/collection: the first collection a sign-in starts (SPEC §3) and the progress a signed-in
 * page shows while it runs (SPEC §6), against the simulator over real HTTP and a real database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runChecks } from "@/lib/checks/run-checks";
import { collectOnSignIn, startFirstCollection } from "@/lib/collection/first-collection";
import { collectionStatus } from "@/lib/collection/status";
import { PLAYLIST_RETRY_MS, workWaitingForRun } from "@/lib/collection/work-waiting";
import { decryptToken } from "@/lib/crypto/token-cipher";
import { demoListener, writeDemoExport } from "@/lib/demo/history";
import { advanceEnrichment, PAUSED_UNTIL_KEY } from "@/lib/enrichment";
import { importSpotifyExport } from "@/lib/import";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import { DEFAULT_SEED, startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { createSpotifyClient, RequestBudget } from "@/lib/spotify";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { useTestDatabase, type ScopedTestDatabase } from "../../helpers/test-database";

const transport: IngestOptions["transport"] = { retryBaseDelayMs: 1, sleep: async () => undefined };
// The simulator's clock: its generated history (each listener's last 50 plays) does not depend on the date the tests run.
const SIM_NOW = new Date("2026-03-04T12:00:00.000Z");

describe("the first collection at sign-in", () => {
  const test = useTestDatabase();
  let sim: SimulatorHandle;
  let ada: string;
  let ben: string;
  let simClock = SIM_NOW.getTime();

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, quota: "extended", rotateRefreshTokens: true, accessTokenTtlSeconds: 30 * 86_400, now: () => new Date(simClock) });
    useSimulatorEnvironment(sim);
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    // The catalogue too: a run's playlist stage adds tracks whose artists wait in the enrichment
    // queue, and a queue emptied under a kept catalogue would leave them without details.
    await test.db.$executeRawUnsafe("TRUNCATE users, ingest_runs, enrichment_tasks, app_state, plays, import_jobs, track_artists, tracks, albums, artists CASCADE");
    sim.reset();
    sim.clearLog();
    ada = (await connectListener(sim, test.db, "ada")).userId;
    ben = (await connectListener(sim, test.db, "ben")).userId;
  });

  it("a sign-in starts exactly one collection, for that user only, after the response", async () => {
    const scheduled: (() => Promise<void>)[] = [];
    startFirstCollection(ada, (task) => scheduled.push(task));
    // Nothing runs until the response is sent (Next.js `after`).
    expect(scheduled).toHaveLength(1);
    expect(await test.db.ingestRun.count()).toBe(0);
    await scheduled[0]();

    const runs = await test.db.ingestRun.findMany({ include: { users: true } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "signin", userIds: [ada], status: "succeeded" });
    expect(runs[0].users.map((user) => [user.userId, user.status, user.inserted])).toEqual([[ada, "ok", 50]]);
    expect(await test.db.play.count({ where: { userId: ada } })).toBe(50);
    expect(await test.db.play.count({ where: { userId: ben } })).toBe(0);
    // Ben's recently played was never asked for: only Ada's token was used.
    expect(sim.log().filter((entry) => entry.path === "/v1/me/player/recently-played")).toHaveLength(1);
    expect((await test.db.user.findUniqueOrThrow({ where: { id: ben } })).lastIngestedAt).toBeNull();
  });

  it("signing in twice at once starts one collection", async () => {
    const [first, second] = await Promise.all([collectOnSignIn(test.db, ada, { transport }), collectOnSignIn(test.db, ada, { transport })]);
    expect([first, second].filter((result) => result !== null)).toHaveLength(1);
    expect(await test.db.ingestRun.count()).toBe(1);
    // Another process's sign-in collection still running counts too.
    await test.db.ingestRun.create({ data: { trigger: "signin", userIds: [ada] } });
    expect(await collectOnSignIn(test.db, ada, { transport })).toBeNull();
    expect(await collectOnSignIn(test.db, ben, { transport })).not.toBeNull();
  });

  it("beside a cron run starting at the same moment, every play is stored once and the rotated refresh token kept", async () => {
    await runIngestion({ db: test.db, transport });
    simClock += 3600_000;
    sim.play("ada", 30);
    sim.play("ben", 4);
    // Both runs find Ada's access token about to expire: one refresh (the simulator rotates the refresh token).
    await test.db.spotifyToken.update({ where: { userId: ada }, data: { expiresAt: new Date(Date.now() + 30_000) } });
    sim.clearLog();
    const [signIn, cron] = await Promise.all([collectOnSignIn(test.db, ada, { transport }), runIngestion({ db: test.db, transport })]);

    const adaInserted = (signIn?.users.find((user) => user.spotifyId === "ada")?.inserted ?? 0) + (cron.users.find((user) => user.spotifyId === "ada")?.inserted ?? 0);
    expect(adaInserted).toBe(30);
    expect(signIn?.users).toEqual([expect.objectContaining({ spotifyId: "ada", status: "ok" })]);
    expect(cron.users.map((user) => user.status)).toEqual(["ok", "ok"]);
    expect(await test.db.play.count({ where: { userId: ada } })).toBe(80);
    expect(await test.db.play.count({ where: { userId: ben } })).toBe(54);
    expect((await runChecks(test.db)).find((check) => check.name === "no_duplicate_plays")).toMatchObject({ ok: true, count: 0 });
    const newest = await test.db.play.findFirstOrThrow({ where: { userId: ada }, orderBy: { playedAt: "desc" } });
    expect((await test.db.user.findUniqueOrThrow({ where: { id: ada } })).ingestCursor?.toISOString()).toBe(newest.playedAt.toISOString());
    expect(sim.log().filter((entry) => entry.path === "/api/token")).toHaveLength(1);
    // The stored refresh token is the rotated one: the next run refreshes with it, and Ada is not asked to sign in again.
    await test.db.spotifyToken.update({ where: { userId: ada }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const next = await runIngestion({ db: test.db, transport, userIds: [ada] });
    expect(next.users).toEqual([expect.objectContaining({ spotifyId: "ada", status: "ok", inserted: 0 })]);
    const token = await test.db.spotifyToken.findUniqueOrThrow({ where: { userId: ada } });
    expect(decryptToken(token.refreshTokenEnc, ada)).toBeTruthy();
    expect((await test.db.user.findUniqueOrThrow({ where: { id: ada } })).needsReauth).toBe(false);
  });

  it("the sign-in collection advances the import's details with what the budget leaves, beside a cron run doing the same", async () => {
    const stored = await importDemoExport(test, ada, 4);
    expect(stored.pendingTracks).toBeGreaterThan(20);
    const [signIn] = await Promise.all([collectOnSignIn(test.db, ada, { transport }), runIngestion({ db: test.db, transport })]);
    expect(signIn?.users).toEqual([expect.objectContaining({ spotifyId: "ada", status: "ok" })]);
    // The import's tracks are all read; what the playlist stage added after the queue (artists
    // credited on playlist items) waits for the next run, which reads it.
    expect(await test.db.enrichmentTask.count({ where: { kind: "track" } })).toBe(0);
    await runIngestion({ db: test.db, transport });
    expect(await test.db.enrichmentTask.count()).toBe(0);
    // Every imported track has its details (album track counts), and the artists credited on them their genres.
    const tracks = await test.db.track.findMany({ where: { plays: { some: { userId: ada } } }, include: { album: true, artists: { include: { artist: true } } } });
    expect(tracks.every((track) => track.enrichedAt !== null && (track.album?.totalTracks ?? 0) > 0)).toBe(true);
    expect(tracks.flatMap((track) => track.artists).every((credit) => !credit.artistId.startsWith("local:") && credit.artist.detailsFetchedAt !== null)).toBe(true);
    expect((await runChecks(test.db)).filter((check) => !check.ok && !check.informational)).toEqual([]);
  });

  it("refuses a run limited to no one", async () => {
    await expect(runIngestion({ db: test.db, transport, userIds: [] })).rejects.toThrow(/userIds names no user/);
  });
});

describe("collection progress (lib/collection/status.ts): only the signed-in user's own work", () => {
  const test = useTestDatabase();
  let sim: SimulatorHandle;
  let ada: string;
  let ben: string;
  let chandra: string;
  const now = () => new Date();

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, quota: "extended", accessTokenTtlSeconds: 30 * 86_400, now: () => SIM_NOW });
    useSimulatorEnvironment(sim);
    ada = (await connectListener(sim, test.db, "ada")).userId;
    ben = (await connectListener(sim, test.db, "ben")).userId;
    // Signed up, but no Spotify connection (disconnected): no run covers her.
    chandra = (await test.db.user.create({ data: { spotifyId: "chandra", displayName: "Chandra Iyer" } })).id;
  });
  afterAll(async () => {
    await sim.close();
  });

  it("nothing pending before anything runs", async () => {
    for (const user of [ada, ben, chandra]) expect(await collectionStatus(test.db, user, now())).toEqual({ state: "idle", running: false, details: null, resumesAt: null });
  });

  it("a sign-in collection in progress reads that user's plays, and only theirs", async () => {
    const run = await test.db.ingestRun.create({ data: { trigger: "signin", userIds: [ada], startedAt: now() } });
    expect(await collectionStatus(test.db, ada, now())).toMatchObject({ state: "plays", running: true });
    expect(await collectionStatus(test.db, ben, now())).toMatchObject({ state: "idle", running: false });
    expect(await collectionStatus(test.db, chandra, now())).toMatchObject({ state: "idle", running: false });
    // Once the run stored Ada's plays (last_ingested_at), it is past reading them.
    await test.db.user.update({ where: { id: ada }, data: { lastIngestedAt: new Date(run.startedAt.getTime() + 1000) } });
    expect(await collectionStatus(test.db, ada, now())).toMatchObject({ state: "idle", running: true });
    await test.db.ingestRun.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt: now() } });
    expect(await collectionStatus(test.db, ada, now())).toMatchObject({ state: "idle", running: false });
  });

  it("a run over every connected user covers the connected ones; a run killed long ago covers no one", async () => {
    const cron = await test.db.ingestRun.create({ data: { trigger: "cron", startedAt: now() } });
    expect(await collectionStatus(test.db, ben, now())).toMatchObject({ state: "plays", running: true });
    expect(await collectionStatus(test.db, chandra, now())).toMatchObject({ running: false });
    await test.db.ingestRun.update({ where: { id: cron.id }, data: { startedAt: new Date(Date.now() - 3600_000) } });
    expect(await collectionStatus(test.db, ben, now())).toMatchObject({ state: "idle", running: false });
    await test.db.ingestRun.delete({ where: { id: cron.id } });
  });

  it("counts the details of the user's own import, as they are read, and nobody else's", async () => {
    const { pendingTracks } = await importDemoExport(test, ada, 3);
    const start = await collectionStatus(test.db, ada, now());
    expect(start.state).toBe("details");
    expect(start.details).toMatchObject({ tracks: pendingTracks, done: 0, pending: start.details!.tracks + start.details!.artists });
    // The export names album artists only: provisional artists, one per name, wait on their tracks.
    expect(start.details!.artists).toBeGreaterThan(0);
    // The queue is shared, but Ben has no play of those tracks: nothing is his to wait for.
    expect(await collectionStatus(test.db, ben, now())).toEqual({ state: "idle", running: false, details: null, resumesAt: null });
    expect(await collectionStatus(test.db, chandra, now())).toEqual({ state: "idle", running: false, details: null, resumesAt: null });
    // The demo's extra runs: details wait and a connected user could ask, unless a run is already at work.
    expect(await workWaitingForRun(test.db, now())).toBe("Spotify details");
    const working = await test.db.ingestRun.create({ data: { trigger: "signin", userIds: [ada], startedAt: now() } });
    expect(await workWaitingForRun(test.db, now())).toBeNull();
    await test.db.ingestRun.delete({ where: { id: working.id } });

    const budget = new RequestBudget(10);
    await advanceEnrichment({ db: test.db, client: createSpotifyClient({ ...transport, budget, accessToken: () => tokenOf(test, ada) }), budget });
    const partway = await collectionStatus(test.db, ada, now());
    expect(partway.details!.done).toBeGreaterThanOrEqual(10);
    expect(partway.details!.pending).toBeLessThan(start.details!.pending);

    // A long Retry-After pauses the queue: the details wait, and say until when.
    const resumes = new Date(Date.now() + 3 * 3600_000);
    await test.db.appState.create({ data: { key: PAUSED_UNTIL_KEY, value: resumes.toISOString() } });
    expect((await collectionStatus(test.db, ada, now())).resumesAt).toBe(resumes.toISOString());
    expect(await workWaitingForRun(test.db, now())).toBeNull();
    await test.db.appState.delete({ where: { key: PAUSED_UNTIL_KEY } });

    // None of her lookups is due yet (each waits for a retry): the details resume with the earliest of hers.
    const retry = new Date(Date.now() + 20 * 60_000);
    await test.db.enrichmentTask.updateMany({ data: { notBefore: new Date(retry.getTime() + 60_000) } });
    const [own] = await test.db.$queryRaw<{ kind: string; spotify_id: string }[]>`
      SELECT e.kind, e.spotify_id FROM enrichment_tasks e
      WHERE EXISTS (SELECT 1 FROM plays p LEFT JOIN track_artists ta ON ta.track_id = p.track_id
                    WHERE p.user_id = ${ada} AND ((e.kind = 'track' AND p.track_id = e.spotify_id) OR (e.kind = 'artist' AND ta.artist_id = e.spotify_id)))
      ORDER BY e.kind, e.spotify_id LIMIT 1`;
    await test.db.enrichmentTask.update({ where: { kind_spotifyId: { kind: own.kind, spotifyId: own.spotify_id } }, data: { notBefore: retry } });
    expect((await collectionStatus(test.db, ada, now())).resumesAt).toBe(retry.toISOString());
    await test.db.enrichmentTask.updateMany({ data: { notBefore: null } });

    await advanceEnrichment({ db: test.db, client: createSpotifyClient({ ...transport, accessToken: () => tokenOf(test, ada) }) });
    expect(await test.db.enrichmentTask.count()).toBe(0);
    expect(await collectionStatus(test.db, ada, now())).toEqual({ state: "idle", running: false, details: null, resumesAt: null });
    // No details wait; the playlists of the connected users do until each is collected completely
    // (a run's budget goes to details first), an attempt cut short waiting a little before the next.
    const users = await test.db.user.findMany({ where: { token: { isNot: null }, needsReauth: false }, select: { id: true } });
    expect(users.length).toBeGreaterThan(0);
    await test.db.playlistCollection.deleteMany();
    expect(await workWaitingForRun(test.db, now())).toBe("playlists");
    const cutShort = new Date(Date.now() - PLAYLIST_RETRY_MS + 5_000);
    await test.db.playlistCollection.createMany({ data: users.map((user) => ({ userId: user.id, attemptedAt: cutShort, lastError: "The run's request budget ran out; the rest next run." })) });
    expect(await workWaitingForRun(test.db, now())).toBeNull();
    expect(await workWaitingForRun(test.db, new Date(Date.now() + 5_000))).toBe("playlists");
    await test.db.playlistCollection.update({ where: { userId: users[0].id }, data: { collectedAt: cutShort, lastError: null } });
    expect(await workWaitingForRun(test.db, new Date(Date.now() + 5_000))).toBe(users.length > 1 ? "playlists" : null);
    await test.db.playlistCollection.updateMany({ data: { collectedAt: cutShort, lastError: null } });
    expect(await workWaitingForRun(test.db, new Date(Date.now() + 5_000))).toBeNull();

    // An artist's lookup alone, none of its tracks': hers when the artist is credited on a track she played, not Ben's.
    const [credit] = await test.db.$queryRaw<{ artist_id: string }[]>`
      SELECT ta.artist_id FROM track_artists ta JOIN plays p ON p.track_id = ta.track_id AND p.user_id = ${ada} ORDER BY ta.artist_id LIMIT 1`;
    await test.db.enrichmentTask.create({ data: { kind: "artist", spotifyId: credit.artist_id } });
    expect((await collectionStatus(test.db, ada, now())).details).toMatchObject({ pending: 1 });
    expect(await collectionStatus(test.db, ben, now())).toEqual({ state: "idle", running: false, details: null, resumesAt: null });
    await test.db.enrichmentTask.deleteMany();
  });
});

/** Imports `days` of the demo listener's generated export for the user, as the demo does; returns the tracks it queued. */
async function importDemoExport(test: ScopedTestDatabase, userId: string, days: number): Promise<{ pendingTracks: number }> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "encore-collection-"));
  try {
    const zipPath = path.join(directory, "export.zip");
    await writeDemoExport({ seed: DEFAULT_SEED, listener: demoListener(), now: SIM_NOW, days, zipPath });
    await importSpotifyExport({ userId, inputs: [zipPath] });
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
  return { pendingTracks: await test.db.enrichmentTask.count({ where: { kind: "track" } }) };
}

async function tokenOf(test: ScopedTestDatabase, userId: string): Promise<string> {
  const token = await test.db.spotifyToken.findUniqueOrThrow({ where: { userId } });
  return decryptToken(token.accessTokenEnc, userId);
}
