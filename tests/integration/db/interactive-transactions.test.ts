import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { rebuildRollups } from "@/lib/stats/rollups";
import { insertHistory } from "../../helpers/stats-fixtures";
import { useTestDatabase } from "../../helpers/test-database";

// prisma/orm#30374: with @prisma/adapter-pg, after PostgreSQL itself raised an error inside an
// interactive $transaction, later queries on the same client were reported to receive other
// queries' results. Encore's interactive transactions (tokens, ingestion, enrichment) can meet a
// database error (a lock timeout, a constraint), so this shows whether this version is exposed.
describe("interactive transactions after a database error (prisma/orm#30374)", () => {
  const test = useTestDatabase();
  let db: Db;
  beforeAll(async () => {
    db = createPrismaClient(test.url);
    await db.user.createMany({ data: Array.from({ length: 5 }, (_, i) => ({ id: `u${i}`, spotifyId: `listener${i}`, displayName: `Listener ${i}` })) });
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  const failingTransaction = (kind: number) =>
    db.$transaction(async (tx) => {
      await tx.user.findUnique({ where: { id: "u1" } });
      if (kind % 4 === 0) await tx.$executeRaw`SELECT 1 / 0`;
      else if (kind % 4 === 1) await tx.user.create({ data: { id: "u0", spotifyId: "listener0" } });
      else if (kind % 4 === 2) await tx.$queryRaw`SELECT * FROM no_such_table`;
      // Queries in flight on the transaction's connection when one of them fails.
      else await Promise.all([tx.user.findUnique({ where: { id: "u3" } }), tx.$executeRaw`SELECT 1 / 0`, tx.user.findMany({ where: { id: { in: ["u1", "u4"] } } })]);
    });

  it("every later query, sequential or concurrent, gets its own result", async () => {
    for (let round = 0; round < 16; round++) {
      await expect(failingTransaction(round)).rejects.toThrow();
      for (let i = 0; i < 5; i++) {
        const user = await db.user.findUnique({ where: { id: `u${i}` } });
        expect(user?.spotifyId).toBe(`listener${i}`);
        const [row] = await db.$queryRaw<{ n: number }[]>`SELECT ${round * 10 + i}::int AS n`;
        expect(row.n).toBe(round * 10 + i);
      }
      const concurrent = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const [row] = await db.$queryRaw<{ n: number; name: string }[]>`SELECT ${i}::int AS n, display_name AS name FROM users WHERE id = ${`u${i % 5}`}`;
          return [row.n, row.name];
        }),
      );
      expect(concurrent).toEqual(Array.from({ length: 8 }, (_, i) => [i, `Listener ${i % 5}`]));
      // A transaction after the failure sees its own reads and commits.
      const inside = await db.$transaction(async (tx) => {
        const a = await tx.user.findUniqueOrThrow({ where: { id: "u2" } });
        const [b] = await tx.$queryRaw<{ n: number }[]>`SELECT ${round}::int AS n`;
        return [a.spotifyId, b.n];
      });
      expect(inside).toEqual(["listener2", round]);
    }
  });
});

// Why a long rollup rebuild died with "Transaction not found ... obtained before disconnecting"
// (issue 15): the client keeps its open interactive transactions in memory, per connection to its
// query engine; when the engine stops (a `$disconnect()`, or the client stopping itself after a
// query compiler panic) the next query reconnects to a manager that never heard of them.
// Rebuilds now run in a plain transaction on a connection of their own (lib/db/plain-transaction.ts).
describe("a long transaction while the client disconnects", () => {
  const test = useTestDatabase();
  let db: Db;
  let blocker: Db;
  const userId = "long-tx-user";
  beforeAll(async () => {
    db = createPrismaClient(test.url);
    blocker = createPrismaClient(test.url);
    await insertHistory(db, {
      users: [{ id: userId, spotifyId: "long-tx", timeZone: "Europe/Berlin" }],
      artists: [{ id: "ar1", name: "Artist" }],
      albums: [],
      tracks: [{ id: "t1", name: "Track", durationMs: 200_000, artistIds: ["ar1"] }],
      plays: Array.from({ length: 40 }, (_, i) => ({ userId, trackId: "t1", playedAt: new Date(Date.UTC(2026, 2, 1, 12) + i * 3_600_000), msPlayed: i % 3 ? 120_000 : null })),
    });
  });
  afterAll(async () => {
    await db.$disconnect();
    await blocker.$disconnect();
  });

  /** Holds the per-user rollup lock from another connection until `release` is called, so the work below waits mid-transaction. */
  async function holdStatsLock(): Promise<() => Promise<void>> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = blocker.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`encore.stats:${userId}`}, 0))::text`;
        locked();
        await released;
      },
      { timeout: 60_000 },
    );
    await isLocked;
    return async () => {
      release();
      await holding;
    };
  }

  it("the cause: Prisma's interactive transaction is lost when the client disconnects while it is open", async () => {
    const release = await holdStatsLock();
    const transaction = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`encore.stats:${userId}`}, 0))::text`;
        await tx.$queryRaw`SELECT 1`;
      },
      { timeout: 60_000 },
    );
    const outcome = transaction.then(() => null, (error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const disconnecting = db.$disconnect();
    await release();
    await disconnecting;
    expect((await outcome)?.message).toMatch(/Transaction not found\. Transaction ID is invalid/);
  });

  it("the fix: a rebuild in its plain transaction completes whatever the client does meanwhile", async () => {
    const release = await holdStatsLock();
    const rebuilding = rebuildRollups(db, userId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const disconnecting = db.$disconnect();
    await release();
    await Promise.all([rebuilding, disconnecting]);
    const [state] = await db.$queryRaw<{ time_zone: string; days: number }[]>`
      SELECT s.time_zone, (SELECT count(*)::int FROM stats_days d WHERE d.user_id = s.user_id) AS days FROM stats_rollup_state s WHERE s.user_id = ${userId}`;
    expect(state).toEqual({ time_zone: "Europe/Berlin", days: 3 });
  });

  it("a failing rebuild leaves the rollups as they were (all or nothing)", async () => {
    await rebuildRollups(db, userId);
    const before = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM stats_days WHERE user_id = ${userId}`;
    // A time zone PostgreSQL does not know makes the rebuild's SQL fail after it deleted the old rows.
    await db.$executeRaw`UPDATE users SET time_zone = 'Not/AZone' WHERE id = ${userId}`;
    await expect(rebuildRollups(db, userId)).rejects.toThrow(/time zone/);
    await db.$executeRaw`UPDATE users SET time_zone = 'Europe/Berlin' WHERE id = ${userId}`;
    expect(await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM stats_days WHERE user_id = ${userId}`).toEqual(before);
  });
});
