/**
 * At most one request per second to MusicBrainz across the install (SPEC 12), against a
 * simulator that answers 503 to any request arriving less than a second after the previous one,
 * and that injects a 503 with Retry-After: two "processes" (two database clients, each with its
 * own pacer) look up artists at the same time. Asserted on the arrival times the simulator
 * recorded, not on the test's own clock.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { createMusicBrainzClient, databasePacer } from "@/lib/musicbrainz";
import { startMusicBrainzSimulator, type MusicBrainzSimulatorHandle } from "@/lib/simulator/musicbrainz";
import { useTestDatabase } from "../../helpers/test-database";

const test = useTestDatabase();
let other: Db;
let sim: MusicBrainzSimulatorHandle;

beforeAll(async () => {
  other = createPrismaClient(test.url);
  sim = await startMusicBrainzSimulator({ minIntervalMs: 1000 });
});
afterAll(async () => {
  await sim.close();
  await other.$disconnect();
});

it("two processes share one request per second, and both wait out a 503's Retry-After", async () => {
  const linked = sim.catalogue.entries.filter((entry) => entry.kind === "url").slice(0, 8);
  const processes = [test.db, other].map((db) =>
    createMusicBrainzClient({ baseUrl: sim.url, userAgent: "Encore/0.1.0 ( http://127.0.0.1:3999 )", pacer: databasePacer(db) }),
  );
  // The first request to arrive is told to slow down for 2 s: neither process may ask before then.
  sim.addFault({ path: "/ws/2/url", count: 1, kind: "503", retryAfter: 2 });
  const found = await Promise.all(linked.map((entry, index) => processes[index % 2].findArtistBySpotifyId(entry.spotifyArtistId)));
  expect(found).toEqual(linked.map((entry) => entry.mbids[0]));

  const log = sim.log().sort((a, b) => a.at - b.at);
  // Eight lookups and the one retried after the injected 503.
  expect(log).toHaveLength(9);
  expect(log.filter((entry) => entry.rateLimited)).toEqual([]);
  const gaps = log.slice(1).map((entry, i) => entry.at - log[i].at);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
  const slowDown = log.findIndex((entry) => entry.status === 503);
  expect(slowDown).toBe(0);
  expect(log[slowDown + 1].at - log[slowDown].at).toBeGreaterThanOrEqual(2000);
}, 60_000);
