/**
 * A run's injected clock (`now`) sets its deadline, and the transport weighs every retry and
 * wait against that deadline on the same clock: a run dated in the past (as tests date theirs)
 * still retries a 5xx, on the Web API and on the accounts service, and waits out a short
 * Retry-After. Against the simulator and its faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { useTestDatabase } from "../../helpers/test-database";

const START = Date.parse("2026-03-04T12:00:00.000Z");
let clock = START;
const waits: number[] = [];
const transport: IngestOptions["transport"] = {
  retryBaseDelayMs: 1,
  // Waiting moves the run's clock, as real time would.
  sleep: async (ms: number) => {
    waits.push(ms);
    clock += ms;
  },
};
const test = useTestDatabase();
let sim: SimulatorHandle;
let ada: string;

const run = () => runIngestion({ db: test.db, transport, now: () => new Date(clock), timeBudgetMs: 50_000 });

beforeAll(async () => {
  sim = await startSimulator({ port: 0, now: () => new Date(clock), accessTokenTtlSeconds: 30 * 86_400 });
  useSimulatorEnvironment(sim);
  ada = (await connectListener(sim, test.db, "ada")).userId;
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  clock += 3600_000;
  waits.length = 0;
  sim.play("ada", 1);
});

describe("a run on an injected clock", () => {
  it("retries a 5xx of the Web API within its deadline", async () => {
    sim.addFault({ path: "/v1/me/player/recently-played", count: 2, kind: "503" });
    const result = await run();
    expect(result.users.map((user) => [user.spotifyId, user.status, user.error])).toEqual([["ada", "ok", undefined]]);
    expect(waits).toHaveLength(2);
  });

  it("retries a 5xx of the accounts service when it refreshes the token", async () => {
    await test.db.spotifyToken.update({ where: { userId: ada }, data: { expiresAt: new Date("2000-01-01T00:00:00Z") } });
    sim.addFault({ path: "/api/token", count: 1, kind: "500" });
    const result = await run();
    expect(result.users.map((user) => [user.spotifyId, user.status, user.error])).toEqual([["ada", "ok", undefined]]);
    expect(waits).toHaveLength(1);
  });

  it("waits out a short Retry-After that fits before its deadline, and not one that does not", async () => {
    sim.addFault({ path: "/v1/me/player/recently-played", count: 1, kind: "429", retryAfter: 2 });
    expect((await run()).users).toEqual([expect.objectContaining({ status: "ok" })]);
    expect(waits).toEqual([2000]);

    // A budget of 1.5 s on the run's clock leaves no room for a 2 s wait.
    waits.length = 0;
    sim.addFault({ path: "/v1/me/player/recently-played", count: 1, kind: "429", retryAfter: 2 });
    const late = await runIngestion({ db: test.db, transport, now: () => new Date(clock), timeBudgetMs: 1500 });
    expect(late.users).toEqual([expect.objectContaining({ status: "deferred" })]);
    expect(waits).toEqual([]);
  });
});
