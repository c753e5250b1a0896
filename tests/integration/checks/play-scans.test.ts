/**
 * The play scans of SPEC §7 (lib/checks: duplicates by one walk of the (user, track, played_at)
 * index, references counted per track, msPlayed range) equal an independent reference on
 * seeded histories with plays exactly 10 s apart, runs of near-duplicates, the same instant on
 * other tracks and users, tracks credited to no artist and msPlayed at and beyond its bounds;
 * per user and over all users.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { runChecks } from "@/lib/checks/run-checks";
import { SeededRandom } from "@/lib/simulator/random";
import { useTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertCatalogue, insertPlays, type FixturePlay, type History } from "../../helpers/stats-fixtures";
import { referenceDuplicates, referenceMissingReferences, referenceMsOutOfRange } from "../../helpers/checks-reference";

const DAY = 86_400_000;

function randomHistory(seed: number): Omit<History, "plays"> & { plays: FixturePlay[] } {
  const rng = new SeededRandom(`checks-play-scans:${seed}`);
  const random = () => rng.next();
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const artists = Array.from({ length: 3 }, (_, i) => ({ id: `ar${seed}_${i}`, name: `Artist ${i}` }));
  const albums = [{ id: `al${seed}`, name: "Album" }];
  // Some tracks credit nobody: their plays miss a reference.
  const tracks = Array.from({ length: int(3, 8) }, (_, i) => ({
    id: `tr${seed}_${i}`,
    name: `Track ${i}`,
    albumId: random() < 0.3 ? null : albums[0].id,
    artistIds: random() < 0.2 ? [] : [pick(artists).id],
  }));
  const users = Array.from({ length: 3 }, (_, i) => ({ id: `user${seed}_${i}`, spotifyId: `spotify${seed}_${i}`, timeZone: "UTC" }));
  const plays: FixturePlay[] = [];
  const taken = new Set<string>();
  const add = (userId: string, trackId: string, at: number) => {
    const key = `${userId}|${trackId}|${at}`;
    if (taken.has(key)) return;
    taken.add(key);
    plays.push({ userId, trackId, playedAt: new Date(at), msPlayed: pick([null, 0, -1, 1, 30_000, DAY, DAY + 1, 245_123]) });
  };
  for (const user of users) {
    let at = Date.UTC(2025, 11, 31, 23, 59, 50) + int(-3, 3) * DAY;
    for (let i = int(0, 120); i > 0; i--) {
      const trackId = pick(tracks).id;
      add(user.id, trackId, at);
      // Near the 10 s boundary: the same track again 9,999 ms / 10 s / 10,001 ms later, or a run of three.
      if (random() < 0.25) add(user.id, trackId, at + pick([1, 9_999, 10_000, 10_001, 20_000]));
      if (random() < 0.1) {
        add(user.id, trackId, at + 4_000);
        add(user.id, trackId, at + 8_000);
      }
      // The same instant on another track, and another user on the same track and instant.
      if (random() < 0.1) add(user.id, pick(tracks).id, at);
      if (random() < 0.1) add(pick(users).id, trackId, at + int(0, 10) * 1_000);
      at += pick([1, 5_000, 10_000, 10_001, 60_000, 3_600_000]);
    }
  }
  return { users, artists, albums, tracks, plays };
}

describe("play scans of the data-quality checks", () => {
  const test = useTestDatabase();

  beforeEach(async () => {
    await clearHistory(test.db);
  });

  it.each(Array.from({ length: 12 }, (_, seed) => seed))("equal the reference on seeded history %i, per user and over all users", async (seed) => {
    const history = randomHistory(seed);
    await insertCatalogue(test.db, history);
    await insertPlays(test.db, history.plays);
    const credited = new Set(history.tracks.filter((track) => track.artistIds.length > 0).map((track) => track.id));
    const now = new Date("2026-06-01T00:00:00.000Z");
    const expectFigures = async (userId: string | undefined, plays: FixturePlay[]) => {
      const results = await runChecks(test.db, { userId, now });
      const count = (name: string) => results.find((check) => check.name === name)?.count;
      expect({ duplicates: count("no_duplicate_plays"), references: count("references_exist"), ms: count("ms_played_in_range") }).toEqual({
        duplicates: referenceDuplicates(plays),
        references: referenceMissingReferences(plays, credited),
        ms: referenceMsOutOfRange(plays),
      });
    };
    await expectFigures(undefined, history.plays);
    for (const user of history.users) await expectFigures(user.id, history.plays.filter((play) => play.userId === user.id));
  });

  it("counts a play exactly 10 s after the previous one of the track, not one 10.001 s after", async () => {
    await insertCatalogue(test.db, {
      users: [{ id: "u", spotifyId: "su", timeZone: "UTC" }],
      artists: [{ id: "a", name: "A" }],
      albums: [],
      tracks: [{ id: "t", name: "T", artistIds: ["a"] }],
    });
    const at = Date.UTC(2025, 0, 1);
    await insertPlays(test.db, [
      { userId: "u", trackId: "t", playedAt: new Date(at), msPlayed: 1 },
      { userId: "u", trackId: "t", playedAt: new Date(at + 10_000), msPlayed: 1 },
      { userId: "u", trackId: "t", playedAt: new Date(at + 20_001), msPlayed: 1 },
    ]);
    const results = await runChecks(test.db, { userId: "u", now: new Date(at + DAY) });
    expect(results.find((check) => check.name === "no_duplicate_plays")).toMatchObject({ ok: false, count: 1 });
    expect(results.map((check) => check.name)).toEqual([
      "no_duplicate_plays",
      "no_future_plays",
      "references_exist",
      "ms_played_in_range",
      "tokens_readable",
      "no_stuck_runs",
      "recent_gaps",
    ]);
  });
});
