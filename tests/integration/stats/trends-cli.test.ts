/** `npm run report -- --trends` end to end: a child process on this file's database, against getTrends. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getTrends } from "@/lib/stats/trends";
import { useTestDatabase } from "../../helpers/test-database";
import { insertHistory, type FixturePlay } from "../../helpers/stats-fixtures";

describe("report --trends", () => {
  const test = useTestDatabase();
  const now = "2025-06-30T22:30:00.000Z"; // 2025-07-01 in Berlin
  beforeAll(async () => {
    const plays: FixturePlay[] = [];
    for (let day = 0; day < 200; day++) {
      const at = Date.parse("2025-07-01T10:00:00Z") - day * 86_400_000;
      plays.push({ userId: "u1", trackId: day < 28 ? "t-new" : "t-old", playedAt: new Date(at), msPlayed: null });
      if (day === 3) for (let i = 1; i <= 20; i++) plays.push({ userId: "u1", trackId: "t-new", playedAt: new Date(at + i * 200_000), msPlayed: null });
    }
    await insertHistory(test.db, {
      users: [{ id: "u1", spotifyId: "ada", displayName: "Ada", timeZone: "Europe/Berlin" }],
      artists: [{ id: "ar-new", name: "Newcomer" }, { id: "ar-old", name: "Oldtimer" }],
      albums: [],
      tracks: [
        { id: "t-new", name: "New Song", durationMs: 200_000, artistIds: ["ar-new"] },
        { id: "t-old", name: "Old Song", durationMs: 200_000, artistIds: ["ar-old"] },
      ],
      plays,
    });
  });

  const run = (...args: string[]) =>
    spawnSync(path.join(process.cwd(), "node_modules/.bin/tsx"), ["scripts/report.ts", ...args], { env: { ...process.env, DATABASE_URL: test.url }, encoding: "utf8", timeout: 60_000 });

  it("--json prints exactly the trends of SPEC 5c, as getTrends computes them", async () => {
    const result = run("--user", "ada", "--trends", "--now", now, "--limit", "5", "--json");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(Object.keys(printed)).toEqual(["now", "recent", "risingArtists", "fadingArtists", "risingTracks", "rediscoveries", "unusualDays"]);
    expect(printed).toEqual(JSON.parse(JSON.stringify(await getTrends(test.db, { userId: "u1", timeZone: "Europe/Berlin", now: new Date(now), limit: 5 }))));
    expect(printed.recent).toEqual({ from: "2025-06-04", to: "2025-07-01" });
    expect(printed.risingArtists.map((a: { id: string }) => a.id)).toEqual(["ar-new"]);
    expect(printed.fadingArtists.map((a: { id: string }) => a.id)).toEqual(["ar-old"]);
    expect(printed.unusualDays.map((d: { date: string }) => d.date)).toEqual(["2025-06-28"]);
  });

  it("--tz reads the trends in another zone; without --json a readable text", () => {
    const utc = JSON.parse(run("--user", "ada", "--trends", "--now", now, "--tz", "UTC", "--json").stdout);
    expect(utc.recent).toEqual({ from: "2025-06-03", to: "2025-06-30" });
    const text = run("--user", "ada", "--trends", "--now", now);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("Trends for Ada (ada)");
    expect(text.stdout).toContain("Rising artists:\n  1. Newcomer: 48 streams recently, 0 before (score 49)");
  });

  it.each([
    [["--user", "ada", "--trends", "--from", "2025-01-01"], /--trends takes no range/],
    [["--user", "ada", "--trends", "--now", "tomorrow"], /--now "tomorrow"/],
    [["--user", "ada", "--trends", "--limit", "0"], /--limit/],
    [["--user", "nobody", "--trends"], /unknown user "nobody"/],
  ])("bad arguments %j: one line on stderr, exit code 2", (args, message) => {
    const result = run(...(args as string[]));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message as RegExp);
  });
});
