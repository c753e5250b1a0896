import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { deployMigrations, migrationDrift, migrationStatus } from "@/lib/db/migrate";
import { dropDatabase, recreateDatabase } from "@/lib/db/admin";
import { useTestDatabase } from "../helpers/test-database";
import { inject } from "vitest";

describe("migrations", () => {
  const test = useTestDatabase();

  it("schema.prisma and prisma/migrations agree (no drift)", async () => {
    const result = await migrationDrift(test.url);
    expect(result.sql).toBe("");
    expect(result.drift).toBe(false);
  });

  it("detects a column added to the schema without a migration", async () => {
    const schema = fs.readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8");
    const changed = schema.replace('  displayName    String?   @map("display_name")', '  displayName    String?   @map("display_name")\n  nickname       String?');
    expect(changed).not.toBe(schema);
    const result = await migrationDrift(test.url, process.cwd(), changed);
    expect(result.drift).toBe(true);
    expect(result.sql).toMatch(/ADD COLUMN\s+"nickname"/);
  });

  it("applies to an empty database, then finds nothing to do on a migrated one", async () => {
    const serverUrl = inject("databaseServerUrl");
    const name = `${test.name}_empty`;
    const url = await recreateDatabase(serverUrl, name);
    try {
      const first = await deployMigrations(url);
      expect(first.length).toBeGreaterThan(0);
      expect(await deployMigrations(url)).toEqual([]);
      expect((await migrationStatus(url)).pending).toEqual([]);
    } finally {
      await dropDatabase(serverUrl, name);
    }
  });

  it("applies a migration whole: semicolons inside a function body work, and a failing migration leaves nothing behind", async () => {
    const serverUrl = inject("databaseServerUrl");
    const name = `${test.name}_scripts`;
    const url = await recreateDatabase(serverUrl, name);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "encore-migrations-"));
    const addMigration = (folder: string, sql: string) => {
      fs.mkdirSync(path.join(root, "prisma", "migrations", folder), { recursive: true });
      fs.writeFileSync(path.join(root, "prisma", "migrations", folder, "migration.sql"), sql);
    };
    try {
      fs.mkdirSync(path.join(root, "prisma", "migrations"), { recursive: true });
      fs.copyFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), path.join(root, "prisma", "schema.prisma"));
      fs.copyFileSync(path.join(process.cwd(), "prisma", "migrations", "migration_lock.toml"), path.join(root, "prisma", "migrations", "migration_lock.toml"));
      addMigration(
        "20260101000000_function",
        `CREATE TABLE counters (n int NOT NULL);
CREATE FUNCTION bump() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counters VALUES (1);
  RETURN (SELECT count(*) FROM counters);
END $$;
`,
      );
      expect(await deployMigrations(url, root)).toEqual(["20260101000000_function"]);
      addMigration("20260102000000_broken", "CREATE TABLE half_applied (id int);\nINSERT INTO no_such_table VALUES (1);\n");
      await expect(deployMigrations(url, root)).rejects.toThrow(/no_such_table/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        expect((await client.query("SELECT bump() AS n")).rows[0].n).toBe(1);
        expect((await client.query("SELECT to_regclass('half_applied') AS t")).rows[0].t).toBeNull();
      } finally {
        await client.end();
      }
      expect((await migrationStatus(url, root)).failed).toEqual(["20260102000000_broken"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      await dropDatabase(serverUrl, name);
    }
  });

  it("the migrated template has the play uniqueness rule of SPEC section 3", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "u1" } });
    await test.db.track.create({ data: { id: "t1", name: "Song" } });
    const playedAt = new Date("2025-03-01T12:00:00.123Z");
    await test.db.play.create({ data: { userId: user.id, trackId: "t1", playedAt, source: "recently_played" } });
    await expect(test.db.play.create({ data: { userId: user.id, trackId: "t1", playedAt, source: "recently_played" } })).rejects.toThrow();
    const stored = await test.db.play.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.playedAt.toISOString()).toBe("2025-03-01T12:00:00.123Z");
  });
});
