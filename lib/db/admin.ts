/**
 * Creating and dropping whole databases on a PostgreSQL server (tests, benchmarks, the demo's
 * reset): statements run on the server's `postgres` database.
 */
import pg from "pg";

/** The same server and credentials, another database. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrlFor(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}

/** Drops `name` if it exists and creates it empty (optionally as a copy of `template`); returns its URL. */
export async function recreateDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await dropDatabase(serverUrl, name);
  await adminQuery(serverUrl, `CREATE DATABASE ${quoteIdentifier(name)}${template ? ` TEMPLATE ${quoteIdentifier(template)}` : ""}`);
  return databaseUrlFor(serverUrl, name);
}
