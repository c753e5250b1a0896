import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptToken } from "@/lib/crypto/token-cipher";
import { runChecks } from "@/lib/checks/run-checks";
import { isCronAuthorized } from "@/lib/ingest/cron-auth";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { useTestDatabase } from "../../helpers/test-database";

const waits: number[] = [];
const fastTransport: IngestOptions["transport"] = {
  retryBaseDelayMs: 1,
  sleep: async (ms: number) => {
    waits.push(ms);
  },
};

describe("ingestion against the simulator", () => {
  const test = useTestDatabase();
  let sim: SimulatorHandle;
  let ada: string;
  let ben: string;
  // The simulator's clock starts at a fixed instant in the past (so its generated 3-day history,
  // and so every count below, is the same whatever the date the tests run on: 101 plays for Ada,
  // 65 for Ben) and moves an hour before each burst of plays, so plays are spaced like real
  // listening and never dated in the future.
  let simClock = Date.parse("2026-03-04T12:00:00.000Z");
  const play = (listenerId: string, count: number) => {
    simClock += 3600_000;
    return sim.play(listenerId, count);
  };
  const run = (extra: Partial<IngestOptions> = {}) => runIngestion({ db: test.db, transport: fastTransport, ...extra });

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, rotateRefreshTokens: true, accessTokenTtlSeconds: 30 * 86_400, now: () => new Date(simClock) });
    useSimulatorEnvironment(sim);
    ada = (await connectListener(sim, test.db, "ada")).userId;
    ben = (await connectListener(sim, test.db, "ben")).userId;
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    waits.length = 0;
    sim.clearLog();
  });

  it("a first run stores the last 50 plays with their catalogue, and records the run", async () => {
    const result = await run();
    expect(result.users.map((u) => [u.spotifyId, u.status, u.inserted, u.gap])).toEqual([
      ["ada", "ok", 50, false],
      ["ben", "ok", 50, false],
    ]);
    expect(result.inserted).toBe(100);
    expect(result.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await test.db.play.count({ where: { userId: ada } })).toBe(50);
    const newest = await test.db.play.findFirstOrThrow({ where: { userId: ada }, orderBy: { playedAt: "desc" } });
    const user = await test.db.user.findUniqueOrThrow({ where: { id: ada } });
    expect(user.ingestCursor?.toISOString()).toBe(newest.playedAt.toISOString());
    const track = await test.db.track.findUniqueOrThrow({ where: { id: newest.trackId }, include: { artists: true, album: true } });
    expect(track.durationMs).toBeGreaterThan(0);
    expect(track.album?.totalTracks).toBeGreaterThan(0);
    expect(track.artists.length).toBeGreaterThan(0);
    // Artist details were read one by one (no batch endpoint).
    expect(sim.log().some((entry) => entry.path.startsWith("/v1/artists/"))).toBe(true);
    expect(sim.log().some((entry) => entry.path === "/v1/artists")).toBe(false);
    const row = await test.db.ingestRun.findUniqueOrThrow({ where: { id: result.runId }, include: { users: true } });
    expect(row.status).toBe("succeeded");
    expect(row.result).toEqual(result);
    expect(row.users).toHaveLength(2);
  });

  it("the next run stores exactly the new plays, and running again adds nothing", async () => {
    play("ada", 7);
    const result = await run();
    expect(result.users.find((u) => u.spotifyId === "ada")).toMatchObject({ status: "ok", inserted: 7, gap: false });
    expect(result.users.find((u) => u.spotifyId === "ben")).toMatchObject({ status: "ok", inserted: 0 });
    expect((await run()).inserted).toBe(0);
    expect(await test.db.play.count({ where: { userId: ada } })).toBe(57);
  });

  it("passes over local files (no Spotify ids): the plays around them are stored, the cursor moves past them", async () => {
    const [before] = play("ada", 1);
    simClock += 3600_000;
    const local = sim.play("ada", 2, { localFile: true });
    const result = await run();
    expect(result.users.find((u) => u.spotifyId === "ada")).toMatchObject({ status: "ok", inserted: 1, gap: false });
    expect(await test.db.play.count({ where: { userId: ada } })).toBe(58);
    expect(await test.db.play.count({ where: { userId: ada, playedAt: before.playedAt } })).toBe(1);
    const user = await test.db.user.findUniqueOrThrow({ where: { id: ada } });
    expect(user.ingestCursor?.toISOString()).toBe(local[1].playedAt.toISOString());
    expect(await test.db.play.count({ where: { userId: ada, playedAt: { in: local.map((p) => p.playedAt) } } })).toBe(0);
    expect((await run()).inserted).toBe(0);
  });

  it("refreshes an expired access token and stores the rotated refresh token", async () => {
    const before = await test.db.spotifyToken.findUniqueOrThrow({ where: { userId: ada } });
    await test.db.spotifyToken.update({ where: { userId: ada }, data: { expiresAt: new Date(Date.now() + 30_000) } });
    sim.expireAccessTokens();
    play("ada", 2);
    const result = await run();
    expect(result.users.find((u) => u.spotifyId === "ada")).toMatchObject({ status: "ok", inserted: 2 });
    const after = await test.db.spotifyToken.findUniqueOrThrow({ where: { userId: ada } });
    expect(after.expiresAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect(decryptToken(after.refreshTokenEnc, ada)).not.toBe(decryptToken(before.refreshTokenEnc, ada));
    expect(after.refreshTokenEnc).not.toContain(decryptToken(after.refreshTokenEnc, ada));
    // Ada's token was refreshed ahead of expiry; Ben's (expired at Spotify only) after one 401.
    expect(sim.log().filter((entry) => entry.path === "/api/token")).toHaveLength(2);
    expect(result.users.every((u) => u.status === "ok")).toBe(true);
  });

  it("two runs at once store each play once and never move a cursor backwards", async () => {
    play("ada", 5);
    play("ben", 3);
    const [first, second] = await Promise.all([run(), run()]);
    expect(first.inserted + second.inserted).toBe(8);
    expect(await test.db.play.count({ where: { userId: ada } })).toBe(65);
    const newest = await test.db.play.findFirstOrThrow({ where: { userId: ben }, orderBy: { playedAt: "desc" } });
    expect((await test.db.user.findUniqueOrThrow({ where: { id: ben } })).ingestCursor?.toISOString()).toBe(newest.playedAt.toISOString());
  });

  it("waits out a short Retry-After, defers the user on a long one", async () => {
    play("ada", 1);
    sim.addFault({ path: "/v1/me/player/recently-played", count: 1, kind: "429", retryAfter: 2 });
    const short = await run({ concurrency: 1 });
    expect(short.users.find((u) => u.spotifyId === "ada")).toMatchObject({ status: "ok", inserted: 1 });
    expect(waits).toContain(2000);
    sim.addFault({ path: "/v1/me/player/recently-played", count: 1, kind: "429", retryAfter: 3600 });
    const long = await run({ concurrency: 1 });
    const deferred = long.users.filter((u) => u.status === "deferred");
    expect(deferred).toHaveLength(1);
    expect(long.users.filter((u) => u.status === "ok")).toHaveLength(1);
  });

  it("retries 5xx and dropped connections, and one user's failure never stops the others", async () => {
    play("ada", 1);
    sim.addFault({ path: "/v1/me/player/recently-played", count: 1, kind: "500" });
    sim.addFault({ path: "/v1/me/player/recently-played", count: 1, kind: "drop" });
    const recovered = await run({ concurrency: 1 });
    expect(recovered.users.map((u) => [u.status, u.error])).toEqual([["ok", undefined], ["ok", undefined]]);
    expect(recovered.inserted).toBe(1);

    const alerts: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        alerts.push(body);
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      sim.addFault({ path: "/v1/me/player/recently-played", count: 3, kind: "503" });
      const failed = await run({ concurrency: 1, alertWebhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });
      const statuses = failed.users.map((u) => u.status).sort();
      expect(statuses).toEqual(["error", "ok"]);
      expect(failed.users.find((u) => u.status === "error")?.error).toMatch(/503|Spotify/);
      expect(alerts).toHaveLength(1);
      const alert = JSON.parse(alerts[0]) as { text: string };
      expect(alert.text).toContain(failed.runId);
      const tokens = await test.db.spotifyToken.findMany();
      for (const token of tokens) {
        expect(alert.text).not.toContain(decryptToken(token.accessTokenEnc, token.userId));
        expect(alert.text).not.toContain(decryptToken(token.refreshTokenEnc, token.userId));
      }
    } finally {
      receiver.close();
    }
  });

  it("records a gap when 50 plays are all newer than the cursor", async () => {
    play("ben", 60);
    const result = await run();
    expect(result.users.find((u) => u.spotifyId === "ben")).toMatchObject({ status: "ok", inserted: 50, gap: true });
    expect(result.users.find((u) => u.spotifyId === "ada")).toMatchObject({ gap: false });
    const outcome = await test.db.ingestRunUser.findUniqueOrThrow({ where: { runId_userId: { runId: result.runId, userId: ben } } });
    expect(outcome.gap).toBe(true);
  });

  it("spends the budget on every user's plays before artist details, and a deferred user goes first next run", async () => {
    await test.db.artist.updateMany({ data: { detailsFetchedAt: null } });
    play("ada", 2);
    play("ben", 2);
    const both = await run({ concurrency: 1, requestBudget: 2 });
    expect(both.users.map((u) => [u.spotifyId, u.status, u.inserted])).toEqual([
      [both.users[0].spotifyId, "ok", 2],
      [both.users[1].spotifyId, "ok", 2],
    ]);
    expect(sim.log().map((entry) => entry.path)).toEqual(["/v1/me/player/recently-played", "/v1/me/player/recently-played"]);

    const [first, second] = both.users.map((u) => u.spotifyId);
    const one = await run({ concurrency: 1, requestBudget: 1 });
    expect(one.users.map((u) => [u.spotifyId, u.status])).toEqual([
      [first, "ok"],
      [second, "deferred"],
    ]);
    // The deferred user was not ingested: it keeps its place at the front.
    const next = await run({ concurrency: 1, requestBudget: 1 });
    expect(next.users.map((u) => [u.spotifyId, u.status])).toEqual([
      [second, "ok"],
      [first, "deferred"],
    ]);
  });

  it("a failure reading artist details keeps the count of the plays already stored", async () => {
    await test.db.artist.updateMany({ data: { detailsFetchedAt: null } });
    play("ada", 3);
    sim.addFault({ path: "/v1/artists/", count: 3, kind: "503" });
    const result = await run({ concurrency: 1 });
    const outcome = result.users.find((u) => u.spotifyId === "ada");
    expect(outcome).toMatchObject({ status: "error", inserted: 3 });
    expect(outcome?.error).toBe("Artist details: GET /v1/artists/{id}: HTTP 503 (gave up after 3 attempts); the next run tries again. The plays were stored.");
    expect(result.inserted).toBe(3);
    expect(result.users.find((u) => u.spotifyId === "ben")).toMatchObject({ status: "ok", inserted: 0 });
  });

  it("marks a revoked user as needing to sign in again and goes on with the others", async () => {
    sim.revoke("ben");
    await test.db.spotifyToken.update({ where: { userId: ben }, data: { expiresAt: new Date(Date.now() - 1000) } });
    play("ada", 1);
    const result = await run();
    expect(result.users.find((u) => u.spotifyId === "ben")).toMatchObject({ status: "reauth" });
    expect(result.users.find((u) => u.spotifyId === "ada")).toMatchObject({ status: "ok", inserted: 1 });
    const user = await test.db.user.findUniqueOrThrow({ where: { id: ben } });
    expect(user.needsReauth).toBe(true);
    expect((await run()).users.map((u) => u.spotifyId)).toEqual(["ada"]);
  });

  it("respects the request budget and leaves the rest for the next run", async () => {
    play("ada", 1);
    const result = await run({ requestBudget: 0 });
    expect(result.users).toEqual([expect.objectContaining({ spotifyId: "ada", status: "deferred", inserted: 0 })]);
    expect(sim.log()).toHaveLength(0);
  });

  it("advances the import enrichment queue with what is left of the run's budget", async () => {
    const stored = new Set((await test.db.track.findMany({ select: { id: true } })).map((t) => t.id));
    const unknown = sim.state.catalogue.tracks.find((t) => !stored.has(t.id))!;
    await test.db.track.create({ data: { id: unknown.id, name: unknown.name } });
    await test.db.enrichmentTask.create({ data: { kind: "track", spotifyId: unknown.id } });
    await run();
    const track = await test.db.track.findUniqueOrThrow({ where: { id: unknown.id }, include: { artists: true } });
    expect(track.enrichedAt).not.toBeNull();
    expect(track.durationMs).toBe(unknown.durationMs);
    expect(track.artists.length).toBeGreaterThan(0);
    expect(sim.log().some((entry) => entry.path === `/v1/tracks/${unknown.id}`)).toBe(true);
  });

  it("marks a run left running by a crash as failed", async () => {
    const stale = await test.db.ingestRun.create({ data: { startedAt: new Date(Date.now() - 2 * 3600_000) } });
    expect((await runChecks(test.db)).find((c) => c.name === "no_stuck_runs")).toMatchObject({ ok: false, count: 1 });
    await run();
    expect((await test.db.ingestRun.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("failed");
  });

  it("data-quality checks pass on ingested data and catch a future play", async () => {
    const checks = await runChecks(test.db);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.find((c) => c.name === "recent_gaps")).toMatchObject({ ok: true, count: 1, informational: true });
    const play = await test.db.play.findFirstOrThrow({ where: { userId: ada } });
    await test.db.play.create({ data: { userId: ada, trackId: play.trackId, playedAt: new Date(Date.now() + 86_400_000), source: "recently_played" } });
    expect((await runChecks(test.db)).find((c) => c.name === "no_future_plays")).toMatchObject({ ok: false, count: 1 });
    expect((await runChecks(test.db, { userId: ben })).find((c) => c.name === "no_future_plays")).toMatchObject({ ok: true, count: 0 });
    await test.db.play.create({ data: { userId: ada, trackId: play.trackId, playedAt: new Date(play.playedAt.getTime() + 5_000), source: "export_extended", msPlayed: 60_000 } });
    expect((await runChecks(test.db)).find((c) => c.name === "no_duplicate_plays")).toMatchObject({ ok: false, count: 1 });
  });
});

describe("cron authorisation", () => {
  it("needs the exact bearer secret, and refuses everything when no secret is set", () => {
    expect(isCronAuthorized("Bearer s3cret", "s3cret")).toBe(true);
    expect(isCronAuthorized("Bearer s3cre", "s3cret")).toBe(false);
    expect(isCronAuthorized("s3cret", "s3cret")).toBe(false);
    expect(isCronAuthorized(null, "s3cret")).toBe(false);
    expect(isCronAuthorized("Bearer ", "")).toBe(false);
    expect(isCronAuthorized("Bearer undefined", undefined)).toBe(false);
  });
});
