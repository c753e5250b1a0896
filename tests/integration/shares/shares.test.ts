import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { deleteAccount } from "@/lib/account/account";
import { createShare, findLiveShare, listLiveShares, MAX_LIVE_SHARES, revokeShare, ShareLimitError } from "@/lib/shares";
import { getReport } from "@/lib/stats/report";
import { yearRange } from "@/lib/stats/range";
import { insertHistory, insertPlays, type FixturePlay } from "../../helpers/stats-fixtures";
import { useTestDatabase } from "../../helpers/test-database";

const NOW = new Date("2026-03-10T12:00:00.000Z");
const DAY = 86_400_000;
const ADA = { id: "user-ada", displayName: "Ada Listener", timeZone: "Europe/Berlin" };
const BEN = { id: "user-ben", displayName: "Ben Other", timeZone: "UTC" };

const tokenOf = (url: string) => new URL(url).pathname.replace(/^\/s\//, "");

describe("share links (lib/shares)", () => {
  const test = useTestDatabase();
  const savedUrl = process.env.NEXTAUTH_URL;

  beforeAll(async () => {
    process.env.NEXTAUTH_URL = "http://127.0.0.1:3999";
    const plays: FixturePlay[] = [];
    // 2025 in Berlin: a play every 3 days; the last one is on local New Year's Eve, 23:30 (22:30 UTC).
    for (let day = 0; day < 365; day += 3) plays.push({ userId: ADA.id, trackId: day % 2 ? "t1" : "t2", playedAt: new Date(Date.UTC(2025, 0, 1, 10) + day * DAY), msPlayed: 180_000 });
    plays.push({ userId: ADA.id, trackId: "t3", playedAt: new Date("2025-12-31T22:30:00.000Z"), msPlayed: 200_000 });
    plays.push({ userId: BEN.id, trackId: "t1", playedAt: new Date("2025-05-05T10:00:00.000Z"), msPlayed: 200_000 });
    await insertHistory(test.db, {
      users: [
        { id: ADA.id, spotifyId: "ada", displayName: ADA.displayName, timeZone: ADA.timeZone },
        { id: BEN.id, spotifyId: "ben", displayName: BEN.displayName, timeZone: BEN.timeZone },
      ],
      artists: [
        { id: "ar1", name: "Artist One", genres: ["pop"] },
        { id: "ar2", name: "Artist Two", genres: ["jazz"] },
      ],
      albums: [{ id: "al1", name: "Album", totalTracks: 3 }],
      tracks: [
        { id: "t1", name: "Track One", durationMs: 180_000, albumId: "al1", artistIds: ["ar1"] },
        { id: "t2", name: "Track Two", durationMs: 180_000, albumId: "al1", artistIds: ["ar2", "ar1"] },
        { id: "t3", name: "Track Three", durationMs: 200_000, albumId: "al1", artistIds: ["ar2"] },
      ],
      plays,
    });
  });
  afterAll(async () => {
    process.env.NEXTAUTH_URL = savedUrl;
  });
  beforeEach(async () => {
    await test.db.share.deleteMany();
  });

  it("stores only the SHA-256 of a 32-byte base64url token, and the link's URL is the app's", async () => {
    const created = await createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW });
    expect(created.url).toMatch(/^http:\/\/127\.0\.0\.1:3999\/s\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(created.url);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const [row] = await test.db.$queryRaw<{ row: string; hash: Buffer }[]>`SELECT row_to_json(s)::text AS row, token_hash AS hash FROM shares s`;
    expect(Buffer.from(row.hash).equals(createHash("sha256").update(token).digest())).toBe(true);
    expect(row.row).not.toContain(token);
    expect(created.expiresAt).toBe(new Date(NOW.getTime() + 30 * DAY).toISOString());
  });

  it("shows the figures of when the link was made: plays added later do not change it", async () => {
    const created = await createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW, showName: true });
    const year = yearRange(2025, ADA.timeZone);
    const expected = await getReport(test.db, { userId: ADA.id, ...year, timeZone: ADA.timeZone, limit: 5, now: NOW });
    await insertPlays(test.db, [{ userId: ADA.id, trackId: "t3", playedAt: new Date("2025-07-01T12:00:00.000Z"), msPlayed: 200_000 }]);
    const later = await getReport(test.db, { userId: ADA.id, ...year, timeZone: ADA.timeZone, limit: 5, now: NOW });
    expect(later.totals.streams).toBe(expected.totals.streams + 1);
    const share = await findLiveShare(test.db, tokenOf(created.url), NOW);
    expect(share).toMatchObject({ kind: "wrapped", year: 2025, displayName: "Ada Listener" });
    expect(share!.snapshot.totals).toEqual(expected.totals);
    expect(share!.snapshot.topArtists).toEqual(expected.topArtists);
    expect(share!.snapshot.topTracks).toEqual(expected.topTracks);
    expect(share!.snapshot.heatmap).toEqual(expected.heatmap);
    // The local year: New Year's Eve 23:30 in Berlin is in 2025 although 2026 has begun in no zone west of it.
    expect(share!.snapshot.topTracks.map((t) => t.id)).toContain("t3");
    await test.db.play.deleteMany({ where: { playedAt: new Date("2025-07-01T12:00:00.000Z") } });
  });

  it("an overview link keeps its local dates; the name only when chosen", async () => {
    const created = await createShare(test.db, ADA, { kind: "overview", from: "2025-03-01", to: "2025-04-01" }, { now: NOW });
    const share = await findLiveShare(test.db, tokenOf(created.url), NOW);
    expect(share).toMatchObject({ kind: "overview", from: "2025-03-01", to: "2025-04-01", displayName: null });
    const march = await getReport(test.db, {
      userId: ADA.id,
      from: new Date("2025-02-28T23:00:00.000Z"),
      to: new Date("2025-03-31T22:00:00.000Z"),
      timeZone: ADA.timeZone,
      limit: 5,
      now: NOW,
    });
    expect(share!.snapshot.totals).toEqual(march.totals);
  });

  it("unknown, malformed, revoked and expired tokens all find nothing; revoking is for the owner only", async () => {
    const created = await createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW, expiresInDays: 1 });
    const token = tokenOf(created.url);
    expect(await findLiveShare(test.db, token, NOW)).not.toBeNull();
    expect(await findLiveShare(test.db, "A".repeat(43), NOW)).toBeNull();
    expect(await findLiveShare(test.db, `${token}x`, NOW)).toBeNull();
    expect(await findLiveShare(test.db, "../../etc/passwd", NOW)).toBeNull();
    // Expired: the instant it ends, and after.
    expect(await findLiveShare(test.db, token, new Date(NOW.getTime() + DAY - 1))).not.toBeNull();
    expect(await findLiveShare(test.db, token, new Date(NOW.getTime() + DAY))).toBeNull();
    expect(await revokeShare(test.db, BEN.id, created.id, NOW)).toBe(false);
    expect(await findLiveShare(test.db, token, NOW)).not.toBeNull();
    expect(await revokeShare(test.db, ADA.id, created.id, NOW)).toBe(true);
    expect(await findLiveShare(test.db, token, NOW)).toBeNull();
    expect(await revokeShare(test.db, ADA.id, created.id, NOW)).toBe(false);
  });

  it("lists a user's own live links only", async () => {
    const kept = await createShare(test.db, ADA, { kind: "overview", from: null, to: null }, { now: NOW, showName: true });
    const revoked = await createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW });
    await revokeShare(test.db, ADA.id, revoked.id, NOW);
    await createShare(test.db, ADA, { kind: "wrapped", year: 2024 }, { now: new Date(NOW.getTime() - 40 * DAY) });
    await createShare(test.db, BEN, { kind: "wrapped", year: 2025 }, { now: NOW });
    expect(await listLiveShares(test.db, ADA.id, NOW)).toEqual([
      { id: kept.id, kind: "overview", year: null, from: null, to: null, showName: true, createdAt: NOW.toISOString(), expiresAt: kept.expiresAt },
    ]);
  });

  it("refuses the 51st live link; a revoked or expired one frees a place", async () => {
    for (let i = 0; i < MAX_LIVE_SHARES - 1; i++) await createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW });
    const last = await createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW, expiresInDays: 1 });
    await expect(createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW })).rejects.toThrow(ShareLimitError);
    await expect(createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW })).rejects.toThrow(/already have 50 live share links/);
    // Other users are not limited by Ada's links.
    await createShare(test.db, BEN, { kind: "wrapped", year: 2025 }, { now: NOW });
    // The one-day link has expired two days later: there is room again.
    await createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: new Date(NOW.getTime() + 2 * DAY) });
    await revokeShare(test.db, ADA.id, (await test.db.share.findFirstOrThrow({ where: { userId: ADA.id, revokedAt: null, id: { not: last.id } } })).id, NOW);
    expect(await test.db.share.count({ where: { userId: ADA.id } })).toBe(MAX_LIVE_SHARES + 1);
  });

  it("never writes a token to the logs", async () => {
    const written: string[] = [];
    const capture = (...args: unknown[]) => {
      written.push(args.map(String).join(" "));
      return true;
    };
    const spies = [
      vi.spyOn(console, "log").mockImplementation(capture),
      vi.spyOn(console, "info").mockImplementation(capture),
      vi.spyOn(console, "warn").mockImplementation(capture),
      vi.spyOn(console, "error").mockImplementation(capture),
      vi.spyOn(process.stdout, "write").mockImplementation(capture),
      vi.spyOn(process.stderr, "write").mockImplementation(capture),
    ];
    try {
      const created = await createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW });
      const token = tokenOf(created.url);
      await findLiveShare(test.db, token, NOW);
      // A snapshot that cannot be read is logged (by share id) and answered as not found.
      await test.db.share.update({ where: { id: created.id }, data: { snapshot: { broken: true } } });
      expect(await findLiveShare(test.db, token, NOW)).toBeNull();
      expect(written.some((line) => line.includes(created.id))).toBe(true);
      expect(written.join("\n")).not.toContain(token);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("deleting one's data deletes one's links", async () => {
    await createShare(test.db, BEN, { kind: "wrapped", year: 2025 }, { now: NOW });
    await createShare(test.db, ADA, { kind: "wrapped", year: 2025 }, { now: NOW });
    await deleteAccount(test.db, BEN.id);
    expect(await test.db.share.count({ where: { userId: BEN.id } })).toBe(0);
    expect(await test.db.share.count({ where: { userId: ADA.id } })).toBe(1);
  });
});
