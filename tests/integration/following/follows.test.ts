/**
 * Following artists (SPEC 5c): only artists the user played, at most 20 (also when requests race),
 * unfollowing, the followed artists' months in a range against the reference, and that deleting
 * the account or merging a provisional artist keeps follows right.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { deleteAccount } from "@/lib/account/account";
import { getFollowedArtists } from "@/lib/following/followedArtists";
import { FOLLOW_LIMIT, followArtist, unfollowArtist } from "@/lib/following/follows";
import { playedArtist } from "@/lib/stats/artistReport";
import { rebuildRollups } from "@/lib/stats/rollups";
import { startOfLocalDate } from "@/lib/stats/local-time";
import type { StatsFilter } from "@/lib/stats/types";
import { useTestDatabase } from "../../helpers/test-database";
import { clearHistory, insertHistory, type History } from "../../helpers/stats-fixtures";
import { referenceArtistMonths } from "../../helpers/artist-report-reference";

const ARTISTS = 25;

function history(): History {
  const artists = Array.from({ length: ARTISTS }, (_, i) => ({ id: `ar${String(i).padStart(2, "0")}`, name: `Artist ${i}` }));
  const tracks = artists.map((artist, i) => ({ id: `tr${i}`, name: `Track ${i}`, durationMs: 200_000, artistIds: i % 4 === 0 && i > 0 ? [artist.id, "ar00"] : [artist.id] }));
  tracks.push({ id: "theirs", name: "Only Ben plays this", durationMs: 200_000, artistIds: ["secret"] });
  const plays = tracks
    .filter((track) => track.id !== "theirs")
    .flatMap((track, i) => [0, 70].map((days) => ({ userId: "ada", trackId: track.id, playedAt: new Date(Date.UTC(2025, 0, 10 + i) + days * 86_400_000), msPlayed: i % 3 === 0 ? 10_000 : null })));
  plays.push({ userId: "ben", trackId: "theirs", playedAt: new Date("2025-02-01T10:00:00Z"), msPlayed: null });
  return {
    users: [
      { id: "ada", spotifyId: "ada", timeZone: "America/Sao_Paulo" },
      { id: "ben", spotifyId: "ben", timeZone: "UTC" },
    ],
    artists: [...artists, { id: "secret", name: "Ben's secret" }],
    albums: [],
    tracks,
    plays,
  };
}

describe("following artists", () => {
  const test = useTestDatabase();
  const fixture = history();
  beforeEach(async () => {
    await clearHistory(test.db);
    await test.db.$executeRaw`TRUNCATE follows, artist_snapshots`;
    await insertHistory(test.db, fixture);
  });

  it("follows artists the user played, at most 20; the 21st is refused with the limit", async () => {
    const ids = fixture.artists.slice(0, ARTISTS).map((a) => a.id);
    for (const id of ids.slice(0, FOLLOW_LIMIT)) expect((await followArtist(test.db, "ada", id)).outcome).toBe("followed");
    expect(await followArtist(test.db, "ada", ids[0])).toEqual({ outcome: "already", artist: { id: ids[0], name: "Artist 0" } });
    expect(await followArtist(test.db, "ada", ids[FOLLOW_LIMIT])).toEqual({ outcome: "limit" });
    // The artist page's 404 check: her artists, followed or not; another listener who never
    // played one: not found, whoever follows it.
    expect(await playedArtist(test.db, "ada", ids[FOLLOW_LIMIT])).toMatchObject({ id: ids[FOLLOW_LIMIT], name: `Artist ${FOLLOW_LIMIT}` });
    expect(await playedArtist(test.db, "ada", ids[0])).toMatchObject({ id: ids[0] });
    expect(await playedArtist(test.db, "ben", ids[0])).toBeNull();
    expect(await playedArtist(test.db, "ben", "secret")).toMatchObject({ id: "secret" });
    expect(await test.db.follow.count({ where: { userId: "ada" } })).toBe(FOLLOW_LIMIT);
    expect(await unfollowArtist(test.db, "ada", ids[3])).toBe(true);
    expect(await unfollowArtist(test.db, "ada", ids[3])).toBe(false);
    expect((await followArtist(test.db, "ada", ids[FOLLOW_LIMIT])).outcome).toBe("followed");
    expect(await test.db.follow.count({ where: { userId: "ada" } })).toBe(FOLLOW_LIMIT);
  });

  it("never lets racing requests past the limit", async () => {
    const outcomes = await Promise.all(fixture.artists.slice(0, ARTISTS).map((a) => followArtist(test.db, "ada", a.id)));
    expect(outcomes.filter((o) => o.outcome === "followed")).toHaveLength(FOLLOW_LIMIT);
    expect(outcomes.filter((o) => o.outcome === "limit")).toHaveLength(ARTISTS - FOLLOW_LIMIT);
    expect(await test.db.follow.count({ where: { userId: "ada" } })).toBe(FOLLOW_LIMIT);
  });

  it("an artist the user never played is not found, exactly like an unknown id", async () => {
    expect(await followArtist(test.db, "ada", "secret")).toEqual({ outcome: "not-found" });
    expect(await followArtist(test.db, "ada", "no-such-artist")).toEqual({ outcome: "not-found" });
    expect((await followArtist(test.db, "ben", "secret")).outcome).toBe("followed");
    expect(await test.db.follow.count({ where: { userId: "ada" } })).toBe(0);
  });

  it("lists followed artists, oldest follow first, with zero-filled months in the range and snapshots by date", async () => {
    for (const id of ["ar08", "ar00", "ar05"]) await followArtist(test.db, "ada", id);
    await test.db.artistSnapshot.createMany({
      data: [
        { artistId: "ar00", date: new Date("2025-03-02"), popularity: null, followers: null, genres: [] },
        { artistId: "ar00", date: new Date("2025-03-01"), popularity: 40, followers: 1200, genres: ["samba"] },
      ],
    });
    const zone = "America/Sao_Paulo";
    for (const rolledUp of [false, true]) {
      if (rolledUp) await rebuildRollups(test.db, "ada");
      for (const [from, to] of [
        [null, null],
        [startOfLocalDate("2025-02-01", zone), startOfLocalDate("2025-04-01", zone)],
        [new Date("2025-01-20T12:34:56.789Z"), null],
      ] as const) {
        const filter: StatsFilter = { userId: "ada", from, to, timeZone: zone, limit: 10, now: new Date("2025-06-01T00:00:00Z") };
        const followed = await getFollowedArtists(test.db, filter);
        expect(followed.map((a) => a.id)).toEqual(["ar08", "ar00", "ar05"]);
        for (const artist of followed) expect(artist.months, `${artist.id} ${from?.toISOString()}`).toEqual(referenceArtistMonths(fixture, filter, artist.id));
        expect(followed[1].months.some((m) => m.streams === 0)).toBe(to === null); // ar00: January, none in February, March
        expect(followed[1].snapshots).toEqual([
          { date: "2025-03-01", popularity: 40, followers: 1200, genres: ["samba"] },
          { date: "2025-03-02", popularity: null, followers: null, genres: [] },
        ]);
      }
    }
    // Ben sees only his own follows.
    expect(await getFollowedArtists(test.db, { userId: "ben", from: null, to: null, timeZone: "UTC", limit: 10, now: new Date() })).toEqual([]);
  });

  it("deleting the account removes the user's follows, and no one else's", async () => {
    await followArtist(test.db, "ada", "ar01");
    await followArtist(test.db, "ben", "secret");
    await deleteAccount(test.db, "ada");
    expect(await test.db.follow.findMany({ select: { userId: true, artistId: true } })).toEqual([{ userId: "ben", artistId: "secret" }]);
  });
});
