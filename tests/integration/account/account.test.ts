import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../helpers/test-database";
import { deleteAccount, disconnectSpotify, updateTimeZone, AccountInputError } from "@/lib/account/account";
import { rebuildRollups } from "@/lib/stats/rollups";
import { seedTwoListeners } from "../export/catalogue-seed";

const database = useTestDatabase();
let ids: Awaited<ReturnType<typeof seedTwoListeners>>;

async function rowsOf(userId: string) {
  const db = database.db;
  return {
    users: await db.user.count({ where: { id: userId } }),
    plays: await db.play.count({ where: { userId } }),
    tokens: await db.spotifyToken.count({ where: { userId } }),
    imports: await db.importJob.count({ where: { userId } }),
    outcomes: await db.ingestRunUser.count({ where: { userId } }),
    rollups: await db.statsRollupState.count({ where: { userId } }),
    artistBuckets: await db.statsArtistBucket.count({ where: { userId } }),
  };
}

beforeAll(async () => {
  ids = await seedTwoListeners(database.db);
  const db = database.db;
  for (const user of [ids.me, ids.other]) {
    await db.spotifyToken.create({ data: { userId: user.id, accessTokenEnc: "v1.x", refreshTokenEnc: "v1.y", expiresAt: new Date() } });
    await db.importJob.create({ data: { userId: user.id, status: "succeeded", files: 1 } });
  }
  // Rollups built from the seeded plays (in UTC, the users' zone): the rollup tables have rows to remove.
  for (const user of [ids.me, ids.other]) await rebuildRollups(db, user.id);
  await db.ingestRun.create({
    data: {
      id: "run1",
      status: "succeeded",
      result: { runId: "run1", users: [{ spotifyId: "me", status: "ok", inserted: 2, gap: false }, { spotifyId: "other", status: "ok", inserted: 1, gap: false }] },
      users: { create: [{ userId: ids.me.id, status: "ok", inserted: 2 }, { userId: ids.other.id, status: "ok", inserted: 1 }] },
    },
  });
  // Each one's sign-in collection, and a run limited to both.
  for (const user of [ids.me, ids.other]) {
    await db.ingestRun.create({ data: { id: `signin-${user.spotifyId}`, trigger: "signin", userIds: [user.id], status: "succeeded", users: { create: [{ userId: user.id, status: "ok" }] } } });
  }
  await db.ingestRun.create({ data: { id: "limited-both", trigger: "cli", userIds: [ids.me.id, ids.other.id], status: "succeeded" } });
});


describe("account", () => {
  it("saves a time zone by its IANA name and refuses an unknown one", async () => {
    expect(await updateTimeZone(database.db, ids.other.id, "Europe/Berlin")).toBe("Europe/Berlin");
    expect((await database.db.user.findUniqueOrThrow({ where: { id: ids.other.id } })).timeZone).toBe("Europe/Berlin");
    // The rollups were built in UTC: rebuilt in the new zone.
    expect((await database.db.statsRollupState.findUniqueOrThrow({ where: { userId: ids.other.id } })).timeZone).toBe("Europe/Berlin");
    await expect(updateTimeZone(database.db, ids.other.id, "Mars/Olympus")).rejects.toBeInstanceOf(AccountInputError);
    // Not ICU's Asia/Calcutta: the zone reads back as chosen.
    expect(await updateTimeZone(database.db, ids.other.id, "Asia/Kolkata")).toBe("Asia/Kolkata");
  });

  it("disconnect forgets the tokens and keeps the plays", async () => {
    const before = await rowsOf(ids.other.id);
    expect(await disconnectSpotify(database.db, ids.other.id)).toBe(true);
    expect(await rowsOf(ids.other.id)).toEqual({ ...before, tokens: 0 });
    expect(await disconnectSpotify(database.db, ids.other.id)).toBe(false);
  });

  it("delete removes every row of that user and nothing of another user's", async () => {
    const otherBefore = await rowsOf(ids.other.id);
    expect((await rowsOf(ids.me.id)).artistBuckets).toBeGreaterThan(0);
    const catalogueBefore = await database.db.track.count();
    const deleted = await deleteAccount(database.db, ids.me.id);
    expect(deleted).toEqual({ plays: 3, tokens: 1, imports: 1, ingestOutcomes: 2, users: 1 });
    expect(await rowsOf(ids.me.id)).toEqual({ users: 0, plays: 0, tokens: 0, imports: 0, outcomes: 0, rollups: 0, artistBuckets: 0 });
    expect(await rowsOf(ids.other.id)).toEqual(otherBefore);
    expect(await database.db.track.count()).toBe(catalogueBefore);
    const run = await database.db.ingestRun.findUniqueOrThrow({ where: { id: "run1" } });
    expect((run.result as { users: { spotifyId: string }[] }).users.map((user) => user.spotifyId)).toEqual(["other"]);
    // No run names the deleted user any more; the other's are intact.
    expect((await database.db.ingestRun.findMany({ where: { userIds: { has: ids.me.id } } })).map((r) => r.id)).toEqual([]);
    expect(await database.db.ingestRun.count({ where: { id: "signin-me" } })).toBe(0);
    expect((await database.db.ingestRun.findUniqueOrThrow({ where: { id: "signin-other" } })).userIds).toEqual([ids.other.id]);
    expect((await database.db.ingestRun.findUniqueOrThrow({ where: { id: "limited-both" } })).userIds).toEqual([ids.other.id]);
    const remaining = await database.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM plays WHERE user_id = ${ids.me.id}`;
    expect(Number(remaining[0].n)).toBe(0);
  });
});
