/** The demo's database chores: starting over on `--reset`. */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Drops and recreates the database of `url` (the embedded one or DATABASE_URL's), connecting to
 * the server's `postgres` database to do it. Only ever called for an explicit `--reset`.
 */
export async function recreateDatabase(url: string): Promise<string> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (!name || name === "postgres") throw new Error(`Refusing to reset "${name || "(no database name)"}": DATABASE_URL must name the demo's own database.`);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
  return name;
}

/** The demo's files in .data/: the generated export and the secrets (old sessions end with the data). */
export function removeDemoFiles(dataRoot: string): void {
  fs.rmSync(path.join(dataRoot, "demo"), { recursive: true, force: true });
  fs.rmSync(path.join(dataRoot, "secrets.json"), { force: true });
}
