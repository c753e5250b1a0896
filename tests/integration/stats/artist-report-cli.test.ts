/** `npm run report -- --artist` end to end: a child process on this file's database. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../helpers/test-database";
import { insertHistory } from "../../helpers/stats-fixtures";

describe("report --artist", () => {
  const test = useTestDatabase();
  beforeAll(async () => {
    await insertHistory(test.db, {
      users: [
        { id: "u1", spotifyId: "ada", displayName: "Ada", timeZone: "America/New_York" },
        { id: "u2", spotifyId: "ben", displayName: "Ben", timeZone: "UTC" },
      ],
      artists: [
        { id: "ar1", name: "Artist", genres: ["pop"] },
        { id: "ar2", name: "Ben's only" },
        { id: "ar3", name: "Short plays only" },
      ],
      albums: [{ id: "al1", name: "Album", totalTracks: 2 }],
      tracks: [
        { id: "t1", name: "Song", durationMs: 200_000, albumId: "al1", artistIds: ["ar1"] },
        { id: "t2", name: "Other", durationMs: 200_000, albumId: "al1", artistIds: ["ar2"] },
        { id: "t3", name: "Skipped", durationMs: 200_000, albumId: null, artistIds: ["ar3"] },
      ],
      plays: [
        { userId: "u1", trackId: "t1", playedAt: new Date("2025-01-01T03:00:00.000Z"), msPlayed: null },
        { userId: "u1", trackId: "t1", playedAt: new Date("2025-03-01T06:00:00.000Z"), msPlayed: 40_000 },
        { userId: "u1", trackId: "t3", playedAt: new Date("2025-03-02T06:00:00.000Z"), msPlayed: 1_000 },
        { userId: "u2", trackId: "t2", playedAt: new Date("2025-01-01T03:00:00.000Z"), msPlayed: null },
      ],
    });
  });

  const run = (...args: string[]) =>
    spawnSync(path.join(process.cwd(), "node_modules/.bin/tsx"), ["scripts/report.ts", ...args], { env: { ...process.env, DATABASE_URL: test.url }, encoding: "utf8", timeout: 60_000 });

  it("--json prints exactly the artist report of SPEC 5c", () => {
    const result = run("--user", "ada", "--artist", "ar1", "--year", "2024", "--json");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(["user", "range", "artist", "totals", "months", "topTracks", "topAlbums", "longestStreak"]);
    expect(report.user).toEqual({ spotifyId: "ada", displayName: "Ada", timeZone: "America/New_York" });
    expect(report.range).toEqual({ from: "2024-01-01T05:00:00.000Z", to: "2025-01-01T05:00:00.000Z" });
    expect(report.artist).toEqual({ id: "ar1", name: "Artist", genres: ["pop"], imageUrl: null });
    // 2025-01-01T03:00Z is December 31 in New York; the March stream is outside 2024 but counts for first/last.
    expect(report.totals).toEqual({ streams: 1, msListened: 200_000, uniqueTracks: 1, rank: 1, share: 1, firstStream: "2025-01-01T03:00:00.000Z", lastStream: "2025-03-01T06:00:00.000Z" });
    expect(report.months).toEqual([{ month: "2024-12", streams: 1, msListened: 200_000 }]);
    expect(report.topAlbums).toEqual([{ id: "al1", name: "Album", streams: 1, msListened: 200_000 }]);
    expect(report.longestStreak).toEqual({ days: 1, start: "2024-12-31", end: "2024-12-31" });
  });

  it("an artist the user never played exits 2 exactly like an unknown id", () => {
    const never = run("--user", "ada", "--artist", "ar2", "--json");
    const unknown = run("--user", "ada", "--artist", "no-such-artist", "--json");
    expect([never.status, unknown.status]).toEqual([2, 2]);
    expect(never.stdout).toBe("");
    expect(never.stderr.replace("ar2", "X")).toBe(unknown.stderr.replace("no-such-artist", "X"));
    expect(run("--user", "ben", "--artist", "ar2", "--json").status).toBe(0);
  });

  it("an artist with short plays only is found, with no streams; text output without --json", () => {
    const short = JSON.parse(run("--user", "ada", "--artist", "ar3", "--json").stdout);
    expect(short.totals).toMatchObject({ streams: 0, rank: null, share: null, firstStream: null, lastStream: null });
    const text = run("--user", "ada", "--artist", "ar1");
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("Artist (ar1)");
    expect(text.stdout).toContain("Rank 1");
  });
});
