import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBED_QUEUE_LIMIT } from "@/lib/enrichment/probed-queue";
import { runIngestion } from "@/lib/ingest/run";
import { ENRICHMENT_PAUSED_UNTIL_KEY, enrichmentStatus, recentGaps, recentIngestOutcomes, userChecks, userIngestStatus } from "@/lib/ingest/status";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { useTestDatabase } from "../../helpers/test-database";

describe("status page queries (lib/ingest/status.ts)", () => {
  const test = useTestDatabase();
  let sim: SimulatorHandle;
  let ada: string;
  let ben: string;
  let chandra: string;
  const now = new Date();

  beforeAll(async () => {
    // A fixed simulator clock: its generated history (Ada's last 50 plays) must not depend on the date the tests run.
    sim = await startSimulator({ port: 0, accessTokenTtlSeconds: 30 * 86_400, now: () => new Date("2026-03-04T12:00:00.000Z") });
    useSimulatorEnvironment(sim);
    ada = (await connectListener(sim, test.db, "ada")).userId;
    ben = (await connectListener(sim, test.db, "ben")).userId;
    // Chandra signed up but no run has reached her yet.
    chandra = (await test.db.user.create({ data: { spotifyId: "chandra", displayName: "Chandra Iyer", authorizedAt: now } })).id;
    await runIngestion({ db: test.db, transport: { retryBaseDelayMs: 1, sleep: async () => undefined } });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("lists only the user's own outcomes, newest run first", async () => {
    // A second run in which only Ben errors: Ada's page must not show it.
    const run = await test.db.ingestRun.create({ data: { startedAt: new Date(Date.now() + 60_000), status: "succeeded" } });
    await test.db.ingestRunUser.create({ data: { runId: run.id, userId: ben, status: "error", error: "Ben's failure" } });

    const adaOutcomes = await recentIngestOutcomes(test.db, ada);
    expect(adaOutcomes).toHaveLength(1);
    expect(adaOutcomes[0]).toMatchObject({ status: "ok", inserted: 50, gap: false, error: null });
    const benOutcomes = await recentIngestOutcomes(test.db, ben);
    expect(benOutcomes.map((o) => [o.status, o.error])).toEqual([
      ["error", "Ben's failure"],
      ["ok", null],
    ]);
    expect(await recentIngestOutcomes(test.db, chandra)).toEqual([]);
  });

  it("gaps: the user's own, within the last 7 days only", async () => {
    const recent = await test.db.ingestRun.create({ data: { startedAt: new Date(now.getTime() - 86_400_000), status: "succeeded" } });
    const old = await test.db.ingestRun.create({ data: { startedAt: new Date(now.getTime() - 8 * 86_400_000), status: "succeeded" } });
    await test.db.ingestRunUser.createMany({
      data: [
        { runId: recent.id, userId: ada, status: "ok", inserted: 50, gap: true, createdAt: recent.startedAt },
        { runId: old.id, userId: ada, status: "ok", inserted: 50, gap: true, createdAt: old.startedAt },
        { runId: recent.id, userId: ben, status: "ok", inserted: 50, gap: true, createdAt: recent.startedAt },
      ],
    });
    const gaps = await recentGaps(test.db, ada, now);
    expect(gaps.map((gap) => gap.runId)).toEqual([recent.id]);
    expect(await recentGaps(test.db, chandra, now)).toEqual([]);
    const checks = await userChecks(test.db, ada, now);
    expect(checks.find((check) => check.name === "recent_gaps")).toMatchObject({ count: 1, ok: true, informational: true });
    expect(checks.filter((check) => !check.informational).every((check) => check.ok)).toBe(true);
  });

  it("enrichment: counts tasks for the user's own tracks and artists, and when a paused queue resumes", async () => {
    const adaTrack = (await test.db.play.findFirstOrThrow({ where: { userId: ada } })).trackId;
    const adaArtist = (await test.db.trackArtist.findFirstOrThrow({ where: { trackId: adaTrack } })).artistId;
    const adaTracks = new Set((await test.db.play.findMany({ where: { userId: ada }, select: { trackId: true } })).map((p) => p.trackId));
    const benOnlyTrack = (await test.db.play.findFirstOrThrow({ where: { userId: ben, trackId: { notIn: [...adaTracks] } } })).trackId;
    await test.db.enrichmentTask.createMany({
      data: [
        { kind: "track", spotifyId: adaTrack },
        { kind: "artist", spotifyId: adaArtist },
        { kind: "track", spotifyId: benOnlyTrack },
        { kind: "track", spotifyId: "not-played-by-anyone" },
      ],
    });
    expect(await enrichmentStatus(test.db, ada, now)).toEqual({ pending: 2, pausedUntil: null, unknownToSpotify: 0, lastStop: null });
    expect(await enrichmentStatus(test.db, chandra, now)).toEqual({ pending: 0, pausedUntil: null, unknownToSpotify: 0, lastStop: null });

    const resumes = new Date(now.getTime() + 3 * 3600_000);
    await test.db.enrichmentTask.updateMany({ data: { notBefore: resumes } });
    expect(await enrichmentStatus(test.db, ada, now)).toEqual({ pending: 2, pausedUntil: resumes, unknownToSpotify: 0, lastStop: null });

    // A queue-wide pause from a Retry-After of hours wins.
    const queueResumes = new Date(now.getTime() + 5 * 3600_000);
    await test.db.appState.create({ data: { key: ENRICHMENT_PAUSED_UNTIL_KEY, value: queueResumes.toISOString() } });
    expect(await enrichmentStatus(test.db, ada, now)).toEqual({ pending: 2, pausedUntil: queueResumes, unknownToSpotify: 0, lastStop: null });
    expect(await enrichmentStatus(test.db, chandra, now)).toEqual({ pending: 0, pausedUntil: null, unknownToSpotify: 0, lastStop: null });
  });

  it("enrichment: a queue longer than the probed limit (others' imports) gives the same counts", async () => {
    const before = { ada: await enrichmentStatus(test.db, ada, now), chandra: await enrichmentStatus(test.db, chandra, now) };
    expect(before.ada.pending).toBe(2);
    // Lookups of tracks nobody here played, one more than the limit: the counts read the users' distinct tracks instead.
    await test.db.$executeRaw`
      INSERT INTO enrichment_tasks (kind, spotify_id) SELECT 'track', 'others-import-' || g FROM generate_series(1, ${PROBED_QUEUE_LIMIT + 1}::int) g`;
    try {
      expect(await enrichmentStatus(test.db, ada, now)).toEqual(before.ada);
      expect(await enrichmentStatus(test.db, chandra, now)).toEqual(before.chandra);
    } finally {
      await test.db.enrichmentTask.deleteMany({ where: { spotifyId: { startsWith: "others-import-" } } });
    }
  });

  it("userIngestStatus puts it together for one user", async () => {
    const status = await userIngestStatus(test.db, chandra, now);
    expect(status).toMatchObject({ outcomes: [], gaps: [], lastIngestedAt: null, enrichment: { pending: 0, pausedUntil: null } });
    const adaStatus = await userIngestStatus(test.db, ada, now);
    expect(adaStatus.outcomes.length).toBeGreaterThan(0);
    expect(adaStatus.lastIngestedAt).not.toBeNull();

    // Ben: more runs than the page lists, gaps among them, some older than the window. The page's
    // one statement for outcomes and gaps answers what the two functions answer alone.
    for (let i = 0; i < 24; i++) {
      const startedAt = new Date(now.getTime() - i * 12 * 3600_000 - 1800_000);
      const run = await test.db.ingestRun.create({ data: { startedAt, finishedAt: new Date(startedAt.getTime() + 5_000), status: "succeeded" } });
      await test.db.ingestRunUser.create({ data: { runId: run.id, userId: ben, status: i % 5 === 0 ? "error" : "ok", inserted: i, gap: i % 3 === 0, createdAt: startedAt } });
    }
    const benStatus = await userIngestStatus(test.db, ben, now);
    expect(benStatus.outcomes).toHaveLength(20);
    expect(benStatus.outcomes).toEqual(await recentIngestOutcomes(test.db, ben));
    expect(benStatus.gaps.length).toBeGreaterThan(3);
    expect(benStatus.gaps).toEqual(await recentGaps(test.db, ben, now));
    expect(benStatus.enrichment).toEqual(await enrichmentStatus(test.db, ben, now));
    const benRow = await test.db.user.findUniqueOrThrow({ where: { id: ben } });
    expect([benStatus.lastIngestedAt, benStatus.ingestCursor]).toEqual([benRow.lastIngestedAt, benRow.ingestCursor]);
  });
});
