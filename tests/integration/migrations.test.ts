import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployMigrations, migrationDrift, migrationStatus } from "@/lib/db/migrate";
import { dropDatabase, recreateDatabase } from "@/lib/db/admin";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { inject } from "vitest";

describe("migrations", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test.drop();
  });

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
