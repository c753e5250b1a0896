/**
 * A failed collection says which step failed and why (refresh token, recently played, artist
 * details, enrichment), in the run's result, its IngestRunUser rows, the run's error and what the
 * status page reads, and never a token or secret. Against the simulator and its faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptToken } from "@/lib/crypto/token-cipher";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import { enrichmentStatus, recentIngestOutcomes } from "@/lib/ingest/status";
import { DEMO_CLIENT_SECRET, startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { useTestDatabase } from "../../helpers/test-database";

const transport: IngestOptions["transport"] = { retryBaseDelayMs: 1, sleep: async () => undefined };
let simClock = Date.parse("2026-03-04T12:00:00.000Z");
const test = useTestDatabase();
let sim: SimulatorHandle;
let ada: string;

// The run keeps the real clock: its deadline and the transport's retries are measured on it.
const run = () => runIngestion({ db: test.db, transport });

/** Every token ever stored, and the client secret: none may appear in what a failure records. */
async function expectNoSecretIn(texts: (string | null | undefined)[]) {
  const tokens = await test.db.spotifyToken.findMany();
  const secrets = [DEMO_CLIENT_SECRET, ...tokens.flatMap((t) => [decryptToken(t.accessTokenEnc, t.userId), decryptToken(t.refreshTokenEnc, t.userId)])];
  for (const text of texts) for (const secret of secrets) expect(text ?? "").not.toContain(secret);
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => new Date(simClock), accessTokenTtlSeconds: 30 * 86_400 });
  useSimulatorEnvironment(sim);
  ada = (await connectListener(sim, test.db, "ada")).userId;
  await run();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  simClock += 3600_000;
  sim.clearLog();
});

describe("a failed collection names the step and the reason", () => {
  it("recently played: a malformed answer names the endpoint and the field", async () => {
    sim.play("ada", 2);
    sim.addFault({ path: "/v1/me/player/recently-played", count: 1, kind: "malformed" });
    const result = await run();
    const expected =
      "Recently played: Spotify's answer did not fit what Encore reads: GET /v1/me/player/recently-played: items[0].track.duration_ms is invalid: expected number, received string.";
    expect(result.users).toEqual([{ spotifyId: "ada", status: "error", inserted: 0, gap: false, error: expected }]);
    const [outcome] = await recentIngestOutcomes(test.db, ada);
    expect(outcome).toMatchObject({ runId: result.runId, status: "error", error: expected });
    await expectNoSecretIn([outcome.error]);
  });

  it("refresh token: the app's credentials refused (invalid_client) is told apart from the user's grant", async () => {
    await test.db.spotifyToken.update({ where: { userId: ada }, data: { expiresAt: new Date(Date.now() - 1000) } });
    sim.addFault({ path: "/api/token", count: 1, kind: "invalid_client" });
    const result = await run();
    expect(result.users[0]).toMatchObject({ status: "error" });
    expect(result.users[0].error).toBe(
      "Refresh token: POST /api/token: HTTP 400: invalid_client: Invalid client; Spotify refused the app's credentials: check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET.",
    );
    expect((await test.db.user.findUniqueOrThrow({ where: { id: ada } })).needsReauth).toBe(false);
    await expectNoSecretIn([result.users[0].error]);
  });

  it("refresh token: the accounts service down", async () => {
    await test.db.spotifyToken.update({ where: { userId: ada }, data: { expiresAt: new Date(Date.now() - 1000) } });
    sim.addFault({ path: "/api/token", count: 3, kind: "503" });
    const result = await run();
    expect(result.users[0].error).toBe("Refresh token: POST /api/token: HTTP 503 (gave up after 3 attempts); the next run tries again.");
  });

  it("enrichment: a token problem stops the queue; the run says why, the users are ok, the status page shows it", async () => {
    const stored = new Set((await test.db.track.findMany({ select: { id: true } })).map((t) => t.id));
    const unplayed = sim.state.catalogue.tracks.find((t) => !stored.has(t.id))!;
    await test.db.track.create({ data: { id: unplayed.id, name: "Imported" } });
    await test.db.play.create({ data: { userId: ada, trackId: unplayed.id, playedAt: new Date("2025-01-01T00:00:00Z"), msPlayed: 100000, source: "export_extended" } });
    await test.db.enrichmentTask.create({ data: { kind: "track", spotifyId: unplayed.id } });
    sim.addFault({ path: "/v1/tracks/", count: 1, kind: "premium" });
    const result = await run();
    expect(result.users.map((u) => u.status)).toEqual(["ok"]);
    const row = await test.db.ingestRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(row.status).toBe("succeeded");
    expect(row.error).toBe(
      "Enrichment: GET /v1/tracks/{id}: the Spotify app owner needs a Premium subscription (Active premium subscription required for the owner of the app.)",
    );
    // The run's error names the endpoint, not the track: nobody learns what was asked about.
    expect(row.error).not.toContain(unplayed.id);
    const status = await enrichmentStatus(test.db, ada);
    expect(status.pending).toBe(1);
    expect(status.lastStop).toEqual({ at: expect.any(Date), reason: "GET /v1/tracks/{id}: the Spotify app owner needs a Premium subscription (Active premium subscription required for the owner of the app.)" });
    await expectNoSecretIn([row.error, status.lastStop?.reason]);

    // The next run gets through: the queue empties and the stop is forgotten.
    simClock += 3600_000;
    const next = await run();
    expect((await test.db.ingestRun.findUniqueOrThrow({ where: { id: next.runId } })).error).toBeNull();
    expect(await enrichmentStatus(test.db, ada)).toMatchObject({ pending: 0, lastStop: null });
  });

  it("refresh token: a revoked grant asks the user to sign in again", async () => {
    sim.revoke("ada");
    await test.db.spotifyToken.update({ where: { userId: ada }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const result = await run();
    expect(result.users[0]).toMatchObject({ status: "reauth" });
    expect(result.users[0].error).toBe(
      "Refresh token: Spotify refused the refresh token (HTTP 400 invalid_grant: revoked, or older than six months); the user must sign in again.",
    );
    await expectNoSecretIn([result.users[0].error]);
  });
});
