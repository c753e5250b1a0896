/** `npm run report` end to end: a child process on this file's database. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../helpers/test-database";
import { insertHistory } from "../../helpers/stats-fixtures";

describe("report command", () => {
  const test = useTestDatabase();
  beforeAll(async () => {
    await insertHistory(test.db, {
      users: [{ id: "u1", spotifyId: "ada", displayName: "Ada", timeZone: "America/New_York" }],
      artists: [{ id: "ar1", name: "Artist", genres: ["pop"] }],
      albums: [{ id: "al1", name: "Album", totalTracks: 2 }],
      tracks: [{ id: "t1", name: "Song", durationMs: 200_000, albumId: "al1", artistIds: ["ar1"] }],
      plays: [
        { userId: "u1", trackId: "t1", playedAt: new Date("2025-01-01T03:00:00.000Z"), msPlayed: null },
        { userId: "u1", trackId: "t1", playedAt: new Date("2025-01-01T06:00:00.000Z"), msPlayed: 29_999 },
      ],
    });
  });

  const run = (...args: string[]) =>
    // tsx directly (what `npx tsx` runs) so npm's own warnings cannot reach stderr.
    spawnSync(path.join(process.cwd(), "node_modules/.bin/tsx"), ["scripts/report.ts", ...args], { env: { ...process.env, DATABASE_URL: test.url }, encoding: "utf8", timeout: 60_000 });

  it("--json prints exactly one JSON document of SPEC section 5", () => {
    const result = run("--user", "ada", "--year", "2024", "--now", "2025-01-01T12:00:00Z", "--json");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual([
      "user", "range", "totals", "topArtists", "topTracks", "topAlbums", "topGenres", "streaks", "albumCompletion", "sessions", "heatmap", "skipRate", "timeline",
    ]);
    expect(report.user).toEqual({ spotifyId: "ada", displayName: "Ada", timeZone: "America/New_York" });
    expect(report.range).toEqual({ from: "2024-01-01T05:00:00.000Z", to: "2025-01-01T05:00:00.000Z" });
    expect(report.totals.plays).toBe(1);
    expect(report.timeline).toEqual([{ date: "2024-12-31", streams: 1, msListened: 200_000 }]);
    expect(report.streaks.current).toEqual({ days: 1, start: "2024-12-31", end: "2024-12-31" });
  });

  it("--tz overrides the stored zone; --from/--to take dates and instants", () => {
    const result = run("--user", "ada", "--tz", "UTC", "--from", "2025-01-01", "--to", "2025-01-01T06:00:00.000Z", "--json");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.user.timeZone).toBe("UTC");
    expect(report.range).toEqual({ from: "2025-01-01T00:00:00.000Z", to: "2025-01-01T06:00:00.000Z" });
    expect(report.timeline).toEqual([{ date: "2025-01-01", streams: 1, msListened: 200_000 }]);
  });

  it("without --json prints a readable text report", () => {
    const result = run("--user", "ada");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Listening report for Ada (ada)");
    expect(result.stdout).toContain("Top artists:");
    expect(result.stdout).toContain("1. Artist");
  });

  it.each([
    [["--user", "nobody", "--json"], /unknown user "nobody"/],
    [["--user", "ada", "--from", "2025-13-01"], /--from "2025-13-01"/],
    [["--user", "ada", "--to", "yesterday"], /--to "yesterday"/],
    [["--user", "ada", "--tz", "Mars/Olympus"], /unknown time zone "Mars\/Olympus"/],
    [["--user", "ada", "--from", "2025-02-01", "--to", "2025-01-01"], /is after --to/],
    [["--user", "ada", "--year", "2025", "--from", "2025-01-01"], /--year cannot be combined/],
    [["--user", "ada", "--limit", "0"], /--limit/],
    [["--from", "2025-01-01"], /--user is required/],
  ])("bad arguments %j: one line on stderr, exit code 2", (args, message) => {
    const result = run(...(args as string[]));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message as RegExp);
  });
});
