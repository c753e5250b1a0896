/**
 * Property test: on seeded random histories, every figure of getReport (raw plays, rollups
 * rebuilt, rollups refreshed batch by batch, after updates and deletions) equals the plain
 * in-memory reference, and the incrementally maintained rollup rows equal rebuilt ones.
 */
import { describe, expect, it } from "vitest";
import { planStats } from "@/lib/stats/plan";
import { rebuildRollups, refreshRollups, refreshRollupsForTracks } from "@/lib/stats/rollups";
import { getReport } from "@/lib/stats/report";
import { startOfLocalDate, localDateOf, addDays } from "@/lib/stats/local-time";
import type { Report, StatsFilter } from "@/lib/stats/types";
import { useTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertCatalogue, insertPlays, type FixturePlay, type History } from "../../helpers/stats-fixtures";
import { referenceReport } from "../../helpers/stats-reference";
import { rollupSnapshot } from "../../helpers/stats-rollups";
import { SeededRandom } from "@/lib/simulator/random";

const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Chatham"];
// Code-point order differs from UTF-16 order for the astral name; case and accents tie-break too.
const NAMES = ["Abba", "abba", "ABBA", "Zoë", "Zoe", "Øystein", "\u{1F600} Smile", "\uFF5E Wave", "Bach", "Bach", "Chopin", "Ä"];
const GENRES = ["pop", "rock", "jazz", "Pop", "k-pop", "\u{1F3B5}"];

function randomHistory(seed: number): { history: History; random: () => number; start: number; end: number } {
  const rng = new SeededRandom(`stats-property:${seed}`);
  const random = () => rng.next();
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const artists = Array.from({ length: int(4, 9) }, (_, i) => ({
    id: `ar${seed}_${i}`,
    name: pick(NAMES),
    genres: random() < 0.25 ? [] : Array.from({ length: int(1, 3) }, () => pick(GENRES)).filter((g, j, all) => all.indexOf(g) === j),
  }));
  const albums = Array.from({ length: int(2, 5) }, (_, i) => ({
    id: `al${seed}_${i}`,
    name: pick(NAMES),
    totalTracks: random() < 0.3 ? null : int(1, 4),
  }));
  const tracks = Array.from({ length: int(5, 14) }, (_, i) => {
    const credited = Array.from({ length: random() < 0.35 ? int(2, 3) : 1 }, () => pick(artists).id);
    return {
      id: `tr${seed}_${i}`,
      name: pick(NAMES),
      durationMs: random() < 0.15 ? null : pick([29_999, 30_000, 180_000, 201_337]),
      albumId: random() < 0.15 ? null : pick(albums).id,
      artistIds: credited,
    };
  });
  const users = Array.from({ length: 3 }, (_, i) => ({ id: `user${seed}_${i}`, spotifyId: `spotify${seed}_${i}`, timeZone: pick(ZONES) }));
  // Around a DST change in both hemispheres' zones (late March / early April).
  const start = Date.UTC(2025, 2, 20) + int(-5, 5) * 86_400_000;
  const end = start + 24 * 86_400_000;
  const plays: FixturePlay[] = [];
  for (const user of users) {
    let at = start + int(0, 86_400_000);
    const count = int(0, 160);
    for (let i = 0; i < count && at < end; i++) {
      const seen = new Set(plays.map((p) => `${p.userId}|${p.trackId}|${p.playedAt.getTime()}`));
      const trackId = pick(tracks).id;
      if (!seen.has(`${user.id}|${trackId}|${at}`)) {
        plays.push({ userId: user.id, trackId, playedAt: new Date(at), msPlayed: pick([null, null, 29_999, 30_000, 30_001, 5_000, 245_123]) });
      }
      at += pick([0, 1, 60_000, 1_799_999, 1_800_000, 1_800_001, 3 * 3_600_000, 20 * 3_600_000, 26 * 3_600_000, 2 * 86_400_000 + 1]);
    }
  }
  return { history: { users, artists, albums, tracks, plays }, random, start, end };
}

function randomFilters(history: History, random: () => number, start: number, end: number): StatsFilter[] {
  const pickTime = () => start - 86_400_000 + Math.floor(random() * (end - start + 2 * 86_400_000));
  const filters: StatsFilter[] = [];
  for (const user of history.users) {
    for (let i = 0; i < 4; i++) {
      const timeZone = random() < 0.75 ? user.timeZone : ZONES[Math.floor(random() * ZONES.length)];
      const bound = (): Date | null => {
        const r = random();
        if (r < 0.3) return null;
        const instant = new Date(pickTime());
        if (r < 0.7) return startOfLocalDate(localDateOf(instant, timeZone), timeZone); // a local day start
        return instant;
      };
      let from = bound();
      let to = bound();
      if (from && to && from > to) [from, to] = [to, from];
      if (i === 0) [from, to] = [null, null];
      if (i === 1) {
        const first = localDateOf(new Date(start + 3 * 86_400_000), timeZone);
        [from, to] = [startOfLocalDate(first, timeZone), startOfLocalDate(addDays(first, 40), timeZone)]; // crosses a month end
      }
      const now = new Date(pickTime());
      filters.push({ userId: user.id, from, to, timeZone, limit: 1 + Math.floor(random() * 6), now });
    }
  }
  return filters;
}

function comparable(report: Omit<Report, "user" | "range">) {
  const { albumCompletion, sessions, ...rest } = report;
  return { ...rest, albumCompletion: { ...albumCompletion, meanCompletion: null }, sessions: { ...sessions, meanPlays: null, meanMs: null } };
}

function expectSameReport(actual: Report, expected: Omit<Report, "user" | "range">, label: string) {
  const { user: _user, range: _range, ...figures } = actual;
  void _user;
  void _range;
  expect(comparable(figures), label).toEqual(comparable(expected));
  for (const [a, b] of [
    [actual.albumCompletion.meanCompletion, expected.albumCompletion.meanCompletion],
    [actual.sessions.meanPlays, expected.sessions.meanPlays],
    [actual.sessions.meanMs, expected.sessions.meanMs],
  ]) {
    if (b === null) expect(a, label).toBeNull();
    else expect(a, label).toBeCloseTo(b, 9);
  }
}

describe("statistics property test", () => {
  const test = useTestDatabase();

  const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i * 7919);

  it.each(SEEDS)("seed %i: raw plays, rebuilt rollups and incremental refreshes all match the reference", async (seed) => {
    const { history, random, start, end } = randomHistory(seed);
    expect(history.plays.length).toBeGreaterThan(20);
    await clearHistory(test.db);
    await insertCatalogue(test.db, history);
    // Insert plays in shuffled batches, refreshing the rollups after each (as ingestion and import will).
    const shuffled = [...history.plays].sort(() => random() - 0.5);
    const firstBatch = shuffled.slice(0, Math.floor(shuffled.length / 3));
    await insertPlays(test.db, firstBatch);
    const filters = randomFilters(history, random, start, end);
    const check = async (label: string, known: FixturePlay[]) => {
      const partial = { ...history, plays: known };
      const plans = await Promise.all(filters.map((filter) => planStats(test.db, filter)));
      // The rollup stages must really read rollups for the day-aligned ranges in the users' own zones.
      if (label !== "raw plays") expect(plans.filter((plan) => plan.days !== null).length).toBeGreaterThan(0);
      else expect(plans.every((plan) => !plan.rolledUp)).toBe(true);
      for (const filter of filters) {
        const actual = await getReport(test.db, filter);
        expectSameReport(actual, referenceReport(partial, filter), `${label} seed ${seed} ${JSON.stringify(filter)}`);
      }
    };
    await check("raw plays", firstBatch);
    for (const user of history.users) await rebuildRollups(test.db, user.id);
    await check("rebuilt rollups", firstBatch);
    const rest = shuffled.slice(firstBatch.length);
    let inserted = [...firstBatch];
    while (rest.length) {
      const batch = rest.splice(0, 1 + Math.floor(random() * 25));
      await insertPlays(test.db, batch);
      inserted = inserted.concat(batch);
      for (const user of history.users) {
        const mine = batch.filter((p) => p.userId === user.id).map((p) => p.playedAt.getTime());
        if (mine.length) await refreshRollups(test.db, user.id, new Date(Math.min(...mine)), new Date(Math.max(...mine) + 1));
      }
    }
    await check("refreshed rollups", inserted);
    await expectRollupsAsRebuilt("refreshed rollups");
    // Many one-play refreshes in sequence, on days that already have rollups (overlapping windows).
    const extra = history.plays.filter(() => random() < 0.3).map((p) => ({ ...p, playedAt: new Date(p.playedAt.getTime() + 1 + Math.floor(random() * 3_600_000)) }));
    const keys = new Set(inserted.map((p) => `${p.userId}|${p.trackId}|${p.playedAt.getTime()}`));
    for (const play of extra) {
      const key = `${play.userId}|${play.trackId}|${play.playedAt.getTime()}`;
      if (keys.has(key)) continue;
      keys.add(key);
      await insertPlays(test.db, [play]);
      inserted.push(play);
      await refreshRollups(test.db, play.userId, play.playedAt, new Date(play.playedAt.getTime() + 1));
    }
    // Updates of stored plays (ms_played, played_at moved across days, track re-pointed), each
    // refreshed over the old and the new instant.
    for (const play of inserted.filter(() => random() < 0.2)) {
      const kind = Math.floor(random() * 3);
      const moved = { ...play };
      if (kind === 0) moved.msPlayed = [null, 5_000, 29_999, 30_000, 400_000][Math.floor(random() * 5)];
      if (kind === 1) moved.playedAt = new Date(play.playedAt.getTime() + Math.floor((random() - 0.5) * 4 * 86_400_000));
      if (kind === 2) moved.trackId = history.tracks[Math.floor(random() * history.tracks.length)].id;
      const key = `${moved.userId}|${moved.trackId}|${moved.playedAt.getTime()}`;
      if (kind !== 0 && keys.has(key)) continue;
      keys.delete(`${play.userId}|${play.trackId}|${play.playedAt.getTime()}`);
      keys.add(key);
      await test.db.$executeRaw`
        UPDATE plays SET ms_played = ${moved.msPlayed}, played_at = ${moved.playedAt}, track_id = ${moved.trackId}
        WHERE user_id = ${play.userId} AND track_id = ${play.trackId} AND played_at = ${play.playedAt}`;
      const instants = [play.playedAt.getTime(), moved.playedAt.getTime()];
      Object.assign(play, moved);
      await refreshRollups(test.db, play.userId, new Date(Math.min(...instants)), new Date(Math.max(...instants) + 1));
    }
    await check("after updates", inserted);
    await expectRollupsAsRebuilt("after updates");
    // Deleting plays, then refreshing their window, keeps the rollups exact too.
    const removed = inserted.filter(() => random() < 0.2);
    for (const play of removed) {
      await test.db.play.deleteMany({ where: { userId: play.userId, trackId: play.trackId, playedAt: play.playedAt } });
      await refreshRollups(test.db, play.userId, play.playedAt, new Date(play.playedAt.getTime() + 1));
    }
    const removedKeys = new Set(removed.map((p) => `${p.userId}|${p.trackId}|${p.playedAt.getTime()}`));
    await check("after deletions", inserted.filter((p) => !removedKeys.has(`${p.userId}|${p.trackId}|${p.playedAt.getTime()}`)));
    await expectRollupsAsRebuilt("after deletions");
    // Deleting all of a user's plays of a whole window at once (several days, one refresh).
    const user = history.users[0];
    const cutFrom = new Date(start + 5 * 86_400_000);
    const cutTo = new Date(start + 9 * 86_400_000);
    await test.db.play.deleteMany({ where: { userId: user.id, playedAt: { gte: cutFrom, lt: cutTo } } });
    await refreshRollups(test.db, user.id, cutFrom, cutTo);
    await expectRollupsAsRebuilt("after a window deletion");
    // Credit changes (an artist replaced, a second artist and a repeated credit added), refreshed
    // through refreshRollupsForTracks, move streams between artists' buckets, days and runs.
    const [replaced, extended] = [history.tracks[0], history.tracks[1]];
    const [artistA, artistB] = [history.artists[0].id, history.artists[1].id];
    await test.db.trackArtist.updateMany({ where: { trackId: replaced.id, position: 0 }, data: { artistId: artistA } });
    const nextPosition = extended.artistIds.length;
    await test.db.trackArtist.createMany({
      data: [
        { trackId: extended.id, position: nextPosition, artistId: artistB },
        { trackId: extended.id, position: nextPosition + 1, artistId: artistB },
      ],
    });
    await refreshRollupsForTracks(test.db, [replaced.id, extended.id]);
    await expectRollupsAsRebuilt("after credit changes");

    async function expectRollupsAsRebuilt(label: string) {
      for (const { id } of history.users) {
        const incremental = await rollupSnapshot(test.db, id);
        await rebuildRollups(test.db, id);
        expect(incremental, `${label} seed ${seed} user ${id}`).toEqual(await rollupSnapshot(test.db, id));
      }
    }
  });
});
