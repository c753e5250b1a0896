/**
 * Work that can run long at a million plays runs in plain transactions (lib/db/plain-transaction.ts),
 * not Prisma's interactive ones, which are lost when the client disconnects while they are open
 * (the cause: tests/integration/db/interactive-transactions.test.ts). For each such operation:
 * it completes when the client disconnects while the operation waits mid-way inside its
 * transaction (for a lock another connection holds), and a failure part-way leaves nothing done.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "@/lib/account/account";
import { getValidAccessToken } from "@/lib/auth/tokens";
import { provisionalArtistId } from "@/lib/catalog";
import { decryptToken } from "@/lib/crypto/token-cipher";
import { createPrismaClient, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { inPlainTransaction, plainTransactionChannel } from "@/lib/db/plain-transaction";
import { advanceEnrichment } from "@/lib/enrichment";
import { storeRecentlyPlayed } from "@/lib/ingest/store";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { createSpotifyClient, playHistoryItemSchema, SpotifyTransientError } from "@/lib/spotify";
import { rebuildRollups } from "@/lib/stats/rollups";
import { runWhileDisconnecting } from "../../helpers/held-lock";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { insertHistory } from "../../helpers/stats-fixtures";
import { useTestDatabase } from "../../helpers/test-database";

const NOW = new Date("2026-03-04T12:00:00.000Z");
const DAY_MS = 86_400_000;

const test = useTestDatabase();
let db: Db;
let blocker: Db;
beforeAll(async () => {
  db = test.db;
  blocker = createPrismaClient(test.url);
});
afterAll(async () => {
  await blocker.$disconnect();
});

/** The per-user lock every rollup refresh takes first (lib/stats/rollups.ts). */
const statsLock = (userId: string) => (tx: Prisma.TransactionClient) =>
  tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`encore.stats:${userId}`}, 0))::text`;

/** The user's rollups, as the figures a refresh changes: total ms of the day rows, artists of the artist days. */
async function rollupsOf(userId: string): Promise<{ ms: number; artists: string[] }> {
  const [row] = await db.$queryRaw<{ ms: number; artists: string[] }[]>`
    SELECT (SELECT COALESCE(sum(ms_all), 0)::float8 FROM stats_days WHERE user_id = ${userId}) AS ms,
           ARRAY(SELECT DISTINCT artist_id FROM stats_artist_days WHERE user_id = ${userId} ORDER BY 1) AS artists`;
  return row;
}

/** A time zone PostgreSQL does not know: the user's next rollup refresh (a rebuild in the new zone) fails. */
async function breakTimeZone(userId: string): Promise<() => Promise<void>> {
  const [{ time_zone: zone }] = await db.$queryRaw<{ time_zone: string }[]>`SELECT time_zone FROM users WHERE id = ${userId}`;
  await db.$executeRaw`UPDATE users SET time_zone = 'Not/AZone' WHERE id = ${userId}`;
  return async () => {
    await db.$executeRaw`UPDATE users SET time_zone = ${zone} WHERE id = ${userId}`;
  };
}

describe("plain transactions", () => {
  it("give their pooled connection back whether the work commits or throws, and say how each ended", async () => {
    const ended: boolean[] = [];
    const listen = (message: unknown) => ended.push((message as { committed: boolean }).committed);
    plainTransactionChannel.subscribe(listen);
    try {
      // Many times the pool's 4 connections: a connection kept would make a later one wait forever.
      for (let i = 0; i < 30; i++) {
        const work = inPlainTransaction(db, async (tx) => {
          await tx.$executeRaw`CREATE TEMPORARY TABLE plain_check (n int) ON COMMIT DROP`;
          if (i % 2) await tx.$queryRaw`SELECT 1 / 0`;
          return i;
        });
        if (i % 2) await expect(work).rejects.toThrow(/division by zero/);
        else expect(await work).toBe(i);
      }
    } finally {
      plainTransactionChannel.unsubscribe(listen);
    }
    expect(ended).toEqual(Array.from({ length: 30 }, (_, i) => i % 2 === 0));
  });
});

describe("deleting an account (all of a user's plays)", () => {
  const gone = "del-gone";
  const kept = "del-kept";
  beforeAll(async () => {
    await insertHistory(db, {
      users: [
        { id: gone, spotifyId: "gone-listener", timeZone: "Europe/Berlin" },
        { id: kept, spotifyId: "kept-listener", timeZone: "UTC" },
      ],
      artists: [{ id: "del-ar", name: "Artist" }],
      albums: [],
      tracks: [{ id: "del-t1", name: "Track", durationMs: 200_000, artistIds: ["del-ar"] }],
      plays: [gone, kept].flatMap((userId) =>
        Array.from({ length: 30 }, (_, i) => ({ userId, trackId: "del-t1", playedAt: new Date(Date.UTC(2025, 11, 20) + i * 7 * 3_600_000), msPlayed: i % 4 ? 150_000 : null })),
      ),
    });
    for (const userId of [gone, kept]) {
      await db.spotifyToken.create({ data: { userId, accessTokenEnc: "v1.x", refreshTokenEnc: "v1.y", expiresAt: NOW } });
      await db.importJob.create({ data: { userId, status: "succeeded", files: 1 } });
      await rebuildRollups(db, userId);
    }
    await db.ingestRun.create({
      data: {
        id: "del-run",
        status: "succeeded",
        result: { runId: "del-run", users: [{ spotifyId: "gone-listener", status: "ok", inserted: 2, gap: false }, { spotifyId: "kept-listener", status: "ok", inserted: 1, gap: false }] },
        users: { create: [{ userId: gone, status: "ok", inserted: 2 }, { userId: kept, status: "ok", inserted: 1 }] },
      },
    });
  });

  async function rowsOf(userId: string) {
    const [row] = await db.$queryRaw<Record<string, number>[]>`
      SELECT (SELECT count(*)::int FROM users WHERE id = ${userId}) AS users,
             (SELECT count(*)::int FROM plays WHERE user_id = ${userId}) AS plays,
             (SELECT count(*)::int FROM spotify_tokens WHERE user_id = ${userId}) AS tokens,
             (SELECT count(*)::int FROM import_jobs WHERE user_id = ${userId}) AS imports,
             (SELECT count(*)::int FROM ingest_run_users WHERE user_id = ${userId}) AS outcomes,
             (SELECT count(*)::int FROM stats_rollup_state WHERE user_id = ${userId}) AS rollups,
             (SELECT count(*)::int FROM stats_days WHERE user_id = ${userId}) AS days`;
    return row;
  }
  const runUsers = async () =>
    ((await db.ingestRun.findUniqueOrThrow({ where: { id: "del-run" } })).result as { users: { spotifyId: string }[] }).users.map((user) => user.spotifyId);

  it("a failure at its last step leaves every row of the account in place", async () => {
    const before = await rowsOf(gone);
    const [{ days }] = await db.$queryRaw<{ days: number }[]>`
      SELECT count(DISTINCT (played_at AT TIME ZONE 'Europe/Berlin')::date)::int AS days FROM plays WHERE user_id = ${gone}`;
    expect(before).toEqual({ users: 1, plays: 30, tokens: 1, imports: 1, outcomes: 1, rollups: 1, days });
    // The user row itself goes last: refusing it fails the deletion after everything else was deleted.
    await db.$executeRaw`
      CREATE FUNCTION refuse_user_deletion() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'user deletion refused by the test'; END $$`;
    await db.$executeRaw`CREATE TRIGGER refuse_user_deletion BEFORE DELETE ON users FOR EACH ROW EXECUTE FUNCTION refuse_user_deletion()`;
    try {
      await expect(deleteAccount(db, gone)).rejects.toThrow(/user deletion refused by the test/);
    } finally {
      await db.$executeRaw`DROP TRIGGER refuse_user_deletion ON users`;
      await db.$executeRaw`DROP FUNCTION refuse_user_deletion()`;
    }
    expect(await rowsOf(gone)).toEqual(before);
    expect(await runUsers()).toEqual(["gone-listener", "kept-listener"]);
  });

  it("completes while the client disconnects mid-way (plays already deleted, the run's row locked elsewhere)", async () => {
    const keptBefore = await rowsOf(kept);
    const deleted = await runWhileDisconnecting(
      db,
      blocker,
      (tx) => tx.$queryRaw`SELECT id FROM ingest_runs WHERE id = 'del-run' FOR UPDATE`,
      () => deleteAccount(db, gone),
    );
    expect(deleted).toEqual({ plays: 30, tokens: 1, imports: 1, ingestOutcomes: 1, users: 1 });
    expect(await rowsOf(gone)).toEqual({ users: 0, plays: 0, tokens: 0, imports: 0, outcomes: 0, rollups: 0, days: 0 });
    expect(await rowsOf(kept)).toEqual(keptBefore);
    expect(await runUsers()).toEqual(["kept-listener"]);
    expect(await deleteAccount(db, gone)).toEqual({ plays: 0, tokens: 0, imports: 0, ingestOutcomes: 0, users: 0 });
  });
});

describe("the enrichment queue refreshing the rollups of enriched tracks (the span of their plays)", () => {
  const first = "enr-a";
  const second = "enr-b";
  // Never asked: the queue holds only rollup markers, no Spotify lookups.
  const client = createSpotifyClient({ accessToken: "never-sent", apiUrl: "http://127.0.0.1:9" });
  beforeAll(async () => {
    await insertHistory(db, {
      users: [
        { id: first, spotifyId: "enr-a", timeZone: "Europe/Berlin" },
        { id: second, spotifyId: "enr-b", timeZone: "America/New_York" },
      ],
      artists: [{ id: "enr-ar", name: "Artist" }],
      albums: [],
      tracks: [{ id: "enr-t1", name: "Track", durationMs: 200_000, artistIds: ["enr-ar"] }],
      // A year apart, with no ms_played: their ms is the track's duration.
      plays: [first, second].flatMap((userId) =>
        Array.from({ length: 10 }, (_, i) => ({ userId, trackId: "enr-t1", playedAt: new Date(Date.UTC(2025, 0, 1) + i * 40 * DAY_MS), msPlayed: null })),
      ),
    });
    for (const userId of [first, second]) await rebuildRollups(db, userId);
    // What the queue's track step leaves behind: a new duration, and the marker asking for the refresh.
    await db.$executeRaw`UPDATE tracks SET duration_ms = 300000 WHERE id = 'enr-t1'`;
    await db.$executeRaw`INSERT INTO enrichment_tasks (kind, spotify_id) VALUES ('rollups', 'enr-t1')`;
  });
  const markers = async () => db.enrichmentTask.count({ where: { kind: "rollups" } });

  it("a failure refreshing the second listener leaves the first one's rollups and the marker as they were", async () => {
    expect(await rollupsOf(first)).toEqual({ ms: 2_000_000, artists: ["enr-ar"] });
    const restore = await breakTimeZone(second);
    try {
      await expect(advanceEnrichment({ db, client, now: () => NOW })).rejects.toThrow(/time zone/);
    } finally {
      await restore();
    }
    expect(await rollupsOf(first)).toEqual({ ms: 2_000_000, artists: ["enr-ar"] });
    expect(await markers()).toBe(1);
  });

  it("completes while the client disconnects mid-way", async () => {
    const result = await runWhileDisconnecting(db, blocker, statsLock(first), () => advanceEnrichment({ db, client, now: () => NOW }));
    expect(result).toMatchObject({ stoppedBy: "empty", requests: 0 });
    expect(await rollupsOf(first)).toEqual({ ms: 3_000_000, artists: ["enr-ar"] });
    expect(await rollupsOf(second)).toEqual({ ms: 3_000_000, artists: ["enr-ar"] });
    expect(await markers()).toBe(0);
  });
});

describe("storing a recently-played response that resolves an imported artist (every listener's plays of its tracks)", () => {
  const first = "st-c";
  const second = "st-d";
  const provisional = provisionalArtistId("Singer");
  const singer = { id: "singer0000000000000001", name: "Singer" };
  const item = playHistoryItemSchema.parse({
    track: {
      id: "st-t1",
      name: "Song",
      duration_ms: 180_000,
      is_local: false,
      artists: [singer],
      album: { id: "st-album", name: "Album", total_tracks: 1, release_date: "2020", images: [], artists: [singer] },
    },
    played_at: NOW.toISOString(),
  });
  beforeAll(async () => {
    await insertHistory(db, {
      users: [
        { id: first, spotifyId: "st-c", timeZone: "Europe/Berlin" },
        { id: second, spotifyId: "st-d", timeZone: "Asia/Tokyo" },
      ],
      // As an extended-history import leaves them: the track's id is Spotify's, its artist provisional.
      artists: [{ id: provisional, name: "Singer" }],
      albums: [],
      tracks: [{ id: "st-t1", name: "Song", durationMs: 180_000, artistIds: [provisional] }],
      plays: [first, second].flatMap((userId) =>
        Array.from({ length: 5 }, (_, i) => ({ userId, trackId: "st-t1", playedAt: new Date(Date.UTC(2024, 5, 1) + i * 90 * DAY_MS), msPlayed: null })),
      ),
    });
    for (const userId of [first, second]) await rebuildRollups(db, userId);
  });
  const credits = async () => (await db.trackArtist.findMany({ where: { trackId: "st-t1" }, orderBy: { position: "asc" } })).map((row) => row.artistId);
  const userState = async (userId: string) => {
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { ingestCursor: true } });
    return { plays: await db.play.count({ where: { userId } }), cursor: user.ingestCursor };
  };

  it("a failure refreshing another listener leaves the catalogue, the rollups and the plays as they were", async () => {
    expect(await rollupsOf(first)).toEqual({ ms: 900_000, artists: [provisional] });
    const restore = await breakTimeZone(second);
    try {
      await expect(storeRecentlyPlayed(db, first, [item], NOW)).rejects.toThrow(/time zone/);
    } finally {
      await restore();
    }
    expect(await credits()).toEqual([provisional]);
    expect(await db.artist.count({ where: { id: provisional } })).toBe(1);
    expect(await rollupsOf(first)).toEqual({ ms: 900_000, artists: [provisional] });
    expect(await userState(first)).toEqual({ plays: 5, cursor: null });
  });

  it("completes while the client disconnects mid-way", async () => {
    const stored = await runWhileDisconnecting(db, blocker, statsLock(first), () => storeRecentlyPlayed(db, first, [item], NOW));
    expect(stored).toEqual({ inserted: 1, newestPlayedAt: NOW });
    expect(await credits()).toEqual([singer.id]);
    expect(await db.artist.count({ where: { id: provisional } })).toBe(0);
    // The first listener's rollups hold the new play too (the plays' transaction after the catalogue's).
    expect(await rollupsOf(first)).toEqual({ ms: 1_080_000, artists: [singer.id] });
    expect(await rollupsOf(second)).toEqual({ ms: 900_000, artists: [singer.id] });
    expect(await userState(first)).toEqual({ plays: 6, cursor: NOW });
  });
});

describe("refreshing a Spotify access token (a row lock held across the call to Spotify)", () => {
  let sim: SimulatorHandle;
  let userId: string;
  const accounts = { retryBaseDelayMs: 1, sleep: async () => undefined };
  const refresh = () => getValidAccessToken(db, userId, { accounts, now: () => NOW });
  const stored = async () => db.spotifyToken.findUniqueOrThrow({ where: { userId } });
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, rotateRefreshTokens: true, now: () => NOW });
    useSimulatorEnvironment(sim);
    userId = (await connectListener(sim, db, "ada")).userId;
    // Expired at any date the tests run on.
    await db.spotifyToken.update({ where: { userId }, data: { expiresAt: new Date("2000-01-01T00:00:00Z") } });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("a refresh Spotify fails leaves the stored tokens as they were", async () => {
    const before = await stored();
    sim.addFault({ path: "/api/token", count: 3, kind: "503" });
    await expect(refresh()).rejects.toBeInstanceOf(SpotifyTransientError);
    expect(await stored()).toEqual(before);
  });

  it("completes while the client disconnects mid-way, and keeps the rotated refresh token", async () => {
    const before = await stored();
    const accessToken = await runWhileDisconnecting(
      db,
      blocker,
      (tx) => tx.$queryRaw`SELECT user_id FROM spotify_tokens WHERE user_id = ${userId} FOR UPDATE`,
      refresh,
    );
    const after = await stored();
    expect(decryptToken(after.accessTokenEnc, userId)).toBe(accessToken);
    expect(decryptToken(after.refreshTokenEnc, userId)).not.toBe(decryptToken(before.refreshTokenEnc, userId));
    expect(after.expiresAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    // The stored (rotated) refresh token is the one Spotify now honours.
    expect(await getValidAccessToken(db, userId, { accounts, now: () => NOW, forceRefresh: true })).not.toBe(accessToken);
  });
});
