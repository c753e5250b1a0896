/**
 * The cron run's followed-artist snapshots (SPEC 5c) against the simulator: one snapshot per
 * followed artist and UTC date, null popularity and followers for a development-mode app and
 * figures for an extended-quota one, never more requests than the run's budget, and what did not
 * fit taken up by the next run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import { followArtist } from "@/lib/following/follows";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { useTestDatabase } from "../../helpers/test-database";

const T0 = Date.parse("2026-03-04T12:00:00.000Z");
const DAY = 86_400_000;
const transport: IngestOptions["transport"] = { retryBaseDelayMs: 1, sleep: async () => undefined };

describe("followed artists' snapshots in the cron run", () => {
  const test = useTestDatabase();
  let sim: SimulatorHandle;
  let ada: string;
  let followed: string[] = [];
  const run = (at: number, extra: Partial<IngestOptions> = {}) => runIngestion({ db: test.db, transport, now: () => new Date(at), ...extra });
  const artistRequests = (ids: string[]) => sim.log().filter((entry) => ids.some((id) => entry.path === `/v1/artists/${id}`)).length;
  const snapshotsOn = (date: string) => test.db.artistSnapshot.findMany({ where: { date: new Date(date) }, orderBy: { artistId: "asc" } });

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, accessTokenTtlSeconds: 30 * 86_400, now: () => new Date(T0) });
    useSimulatorEnvironment(sim);
    ada = (await connectListener(sim, test.db, "ada")).userId;
    await run(T0); // plays and artist details
    const played = await test.db.$queryRaw<{ artist_id: string }[]>`
      SELECT DISTINCT ta.artist_id FROM plays p JOIN track_artists ta ON ta.track_id = p.track_id WHERE p.user_id = ${ada} ORDER BY 1 LIMIT 9`;
    expect(played.length).toBe(9);
    followed = played.map((row) => row.artist_id);
  });
  afterAll(async () => {
    await sim.close();
  });

  it("stores one snapshot per followed artist and UTC date; development mode gives no popularity or followers", async () => {
    for (const id of followed.slice(0, 3)) expect((await followArtist(test.db, ada, id)).outcome).toBe("followed");
    sim.clearLog();
    await run(T0 + 60_000);
    expect(artistRequests(followed.slice(0, 3))).toBe(3);
    const snapshots = await snapshotsOn("2026-03-04");
    expect(snapshots.map((s) => s.artistId)).toEqual([...followed.slice(0, 3)].sort());
    for (const snapshot of snapshots) expect(snapshot).toMatchObject({ popularity: null, followers: null });

    // Later on the same UTC date (23:59:59.999): nothing is asked or stored again.
    sim.clearLog();
    await run(Date.parse("2026-03-04T23:59:59.999Z"));
    expect(artistRequests(followed)).toBe(0);
    expect(await test.db.artistSnapshot.count()).toBe(3);
  });

  it("takes the next UTC date's snapshot with popularity, followers and genres for an extended-quota app", async () => {
    sim.setQuota("extended");
    try {
      sim.clearLog();
      await run(Date.parse("2026-03-05T00:00:00.000Z"));
      expect(artistRequests(followed.slice(0, 3))).toBe(3);
      const snapshots = await snapshotsOn("2026-03-05");
      expect(snapshots).toHaveLength(3);
      for (const snapshot of snapshots) {
        const artist = sim.state.catalogue.artists.find((a) => a.id === snapshot.artistId)!;
        expect(snapshot).toMatchObject({ popularity: artist.popularity, followers: artist.followers, genres: artist.genres });
      }
    } finally {
      sim.setQuota("development");
    }
  });

  it("never sends more requests than the run's budget, and the next run takes up the rest", async () => {
    for (const id of followed.slice(3)) expect((await followArtist(test.db, ada, id)).outcome).toBe("followed");
    const at = T0 + 2 * DAY;
    // A budget of 1 goes to recently played: no snapshot.
    sim.clearLog();
    const starved = await run(at, { requestBudget: 1 });
    expect(sim.log()).toHaveLength(1);
    expect((await test.db.ingestRun.findUniqueOrThrow({ where: { id: starved.runId } })).requests).toBe(1);
    expect(await snapshotsOn("2026-03-06")).toHaveLength(0);
    // 1 + 4: four snapshots, the never-snapshotted artists first.
    sim.clearLog();
    const partial = await run(at, { requestBudget: 5 });
    expect(sim.log().length).toBeLessThanOrEqual(5);
    expect((await test.db.ingestRun.findUniqueOrThrow({ where: { id: partial.runId } })).requests).toBeLessThanOrEqual(5);
    const first = await snapshotsOn("2026-03-06");
    expect(first).toHaveLength(4);
    for (const snapshot of first) expect(followed.slice(3)).toContain(snapshot.artistId);
    // The rest, without asking again for the four.
    sim.clearLog();
    await run(at + 60_000);
    expect(artistRequests(first.map((s) => s.artistId))).toBe(0);
    expect(artistRequests(followed)).toBe(followed.length - 4);
    expect((await snapshotsOn("2026-03-06")).map((s) => s.artistId)).toEqual([...followed].sort());
  });

  it("an artist nobody follows any more is not asked for", async () => {
    await test.db.follow.deleteMany({ where: { userId: ada } });
    sim.clearLog();
    await run(T0 + 3 * DAY);
    expect(artistRequests(followed)).toBe(0);
  });
});
