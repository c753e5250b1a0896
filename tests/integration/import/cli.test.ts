import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../helpers/test-database";

const test = useTestDatabase();

function runImport(args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: test.url },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  await test.db.user.create({ data: { spotifyId: "cli-listener" } });
});


describe("npm run import", () => {
  const folder = path.join("tests/fixtures/export/basic");

  it("with --json prints the summary object as the last line; progress goes to stderr", () => {
    const first = runImport(["--user", "cli-listener", "--json", folder]);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split("\n");
    expect(JSON.parse(lines[lines.length - 1])).toEqual({
      files: 2, entries: 10, inserted: 6, duplicates: 2, skipped: 2,
      reasons: { skipped: { episode: 1, audiobook: 0, localFile: 0, noTrack: 0, before2008: 1, future: 0 }, duplicates: { sameImport: 2, stored: 0, mergedIntoRecentlyPlayed: 0 } },
    });
    expect(first.stderr).toMatch(/import: done/);
    const again = runImport(["--user", "cli-listener", "--json", folder]);
    expect(JSON.parse(again.stdout.trim().split("\n").pop()!)).toMatchObject({ inserted: 0, duplicates: 8 });
  });

  it("--dry-run prints the same summary and stores nothing, not even an ImportJob; without --json the reasons read as sentences", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "cli-dry-run" } });
    const dry = runImport(["--user", "cli-dry-run", "--json", "--dry-run", folder]);
    expect(dry.code).toBe(0);
    const summary = JSON.parse(dry.stdout.trim().split("\n").pop()!);
    expect(summary).toMatchObject({ files: 2, entries: 10, inserted: 6, duplicates: 2, skipped: 2 });
    expect(await test.db.importJob.count({ where: { userId: user.id } })).toBe(0);
    expect(await test.db.play.count({ where: { userId: user.id } })).toBe(0);

    const readable = runImport(["--user", "cli-dry-run", "--dry-run", folder]);
    expect(readable.stdout.trim().split("\n")).toEqual([
      "Dry run: nothing was stored. Without --dry-run:",
      "10 entries in 2 files: this import will add 6 plays.",
      "2 already here: 2 repeats within the export.",
      "2 passed over: 1 podcast episode, 1 entry dated before 2008.",
    ]);
    const real = runImport(["--user", "cli-dry-run", folder]);
    expect(real.stdout.trim().split("\n")[0]).toBe("10 entries in 2 files: 6 plays added.");
    expect(await test.db.importJob.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ inserted: summary.inserted, reasons: summary.reasons });
  });

  it("fails with one line and a non-zero exit for an unknown user or bad input", () => {
    const unknown = runImport(["--user", "nobody", "--json", folder]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toMatch(/^import failed: unknown user/);
    const bad = runImport(["--user", "cli-listener", "--json", "package.json"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim()).toMatch(/^import failed: package\.json: no streaming history file found/);
    expect(bad.stdout.trim()).toBe("");
    const missing = runImport(["--user", "cli-listener", "no/such/export.zip"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toBe("import failed: no/such/export.zip: no such file or folder");
  });
});
