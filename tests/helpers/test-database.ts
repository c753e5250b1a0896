/**
 * Each integration test file gets its own database, copied from a migrated template
 * (CREATE DATABASE ... TEMPLATE is a file copy: milliseconds, not a migration run).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { recreateDatabase, dropDatabase } from "@/lib/db/admin";
import { createPrismaClient, type Db } from "@/lib/db/client";

/** One migrated template per test run: concurrent runs on one server never share it. */
export function templateDatabaseName(): string {
  return `encore_test_template_${process.pid}`;
}

export type TestDatabase = { url: string; name: string; db: Db; drop(): Promise<void> };

/** A fresh, migrated database for this test file; also published as DATABASE_URL so lib/ code finds it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("databaseServerUrl");
  const name = `encore_test_${randomBytes(5).toString("hex")}`;
  const url = await recreateDatabase(serverUrl, name, inject("templateDatabase"));
  process.env.DATABASE_URL = url;
  const db = createPrismaClient(url);
  return {
    url,
    name,
    db,
    drop: async () => {
      await db.$disconnect();
      const { disconnectDb } = await import("@/lib/db/client");
      await disconnectDb();
      await dropDatabase(serverUrl, name);
    },
  };
}

/** A test database as its tests see it: dropped by the hooks that made it, not by them. */
export type ScopedTestDatabase = Pick<TestDatabase, "url" | "name" | "db">;

/**
 * This file's (or describe block's) database: created before its tests and dropped after them.
 * Call it before the block's own hooks: Vitest runs after-hooks in reverse order, so the drop
 * comes after the block's own clean-up, and its before-hooks find the database made.
 */
export function useTestDatabase(): ScopedTestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.drop();
  });
  const made = (): TestDatabase => {
    if (!current) throw new Error("The test database is made in beforeAll: use it in a hook or a test");
    return current;
  };
  return {
    get url() {
      return made().url;
    },
    get name() {
      return made().name;
    },
    get db() {
      return made().db;
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}
