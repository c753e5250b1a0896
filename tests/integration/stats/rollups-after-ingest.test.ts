/**
 * Regression: an ingestion run refreshes rollups in a nested transaction; Prisma writes the
 * parent transaction's id into that call's options object, so a shared options object made the
 * next top-level rebuild (a time-zone change, a test's rebuild) start "inside" the long-committed
 * run and fail with "Transaction already closed".
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { runIngestion } from "@/lib/ingest/run";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { rebuildRollups } from "@/lib/stats/rollups";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { useTestDatabase } from "../../helpers/test-database";

const test = useTestDatabase();
let spotify: SimulatorHandle;

beforeAll(async () => {
  spotify = await startSimulator({ port: 0, accessTokenTtlSeconds: 30 * 86_400, now: () => new Date("2026-03-04T12:00:00.000Z") });
  useSimulatorEnvironment(spotify);
});
afterAll(async () => {
  await spotify.close();
});

it("a user's rollups can be rebuilt after an ingestion run in the same process", async () => {
  const { userId } = await connectListener(spotify, test.db, "ada");
  const result = await runIngestion({ db: test.db, transport: { retryBaseDelayMs: 1, sleep: async () => undefined } });
  expect(result.users[0]).toMatchObject({ status: "ok", inserted: 50 });
  const before = await test.db.statsDay.aggregate({ where: { userId }, _sum: { plays: true } });
  await rebuildRollups(test.db, userId);
  const after = await test.db.statsDay.aggregate({ where: { userId }, _sum: { plays: true } });
  expect(after._sum.plays).toBe(50);
  expect(after).toEqual(before);
});
