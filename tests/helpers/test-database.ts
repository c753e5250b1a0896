/**
 * Each integration test file gets its own database, copied from a migrated template
 * (CREATE DATABASE ... TEMPLATE is a file copy: milliseconds, not a migration run).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";

/** One migrated template per test run: concurrent runs on one server never share it. */
export function templateDatabaseName(): string {
  return `encore_test_template_${process.pid}`;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type TestDatabase = { url: string; name: string; db: Db; drop(): Promise<void> };

/** A fresh, migrated database for this test file; also published as DATABASE_URL so lib/ code finds it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("databaseServerUrl");
  const name = `encore_test_${randomBytes(5).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${inject("templateDatabase")}"`);
  const url = databaseUrl(serverUrl, name);
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
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}
