/** The demo's database chores: starting over on `--reset`. */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { isProcessAlive } from "./processes";

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

type EmbeddedRecord = { port: number; password: string; pid: number; dataDir: string };

/**
 * A demo killed outright (kill -9) leaves its embedded PostgreSQL running with nobody to stop
 * it; the next start reuses that server (lib/db/embedded.ts) but would not own it. Call before
 * useDatabase(): returns a stop function when the recorded owner is gone, and records this
 * process as the owner, so Ctrl-C stops the adopted server too.
 */
export function adoptOrphanedEmbeddedServer(dataRoot: string): (() => Promise<void>) | null {
  const recordFile = path.join(dataRoot, "embedded-postgres.json");
  let record: EmbeddedRecord;
  try {
    record = JSON.parse(fs.readFileSync(recordFile, "utf8")) as EmbeddedRecord;
  } catch {
    return null;
  }
  if (isProcessAlive(record.pid)) return null;
  let postmasterPid: number;
  try {
    postmasterPid = Number(fs.readFileSync(path.join(record.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return null; // not running: useDatabase() starts (and owns) a new server
  }
  if (!(postmasterPid > 0) || !isProcessAlive(postmasterPid)) return null;
  fs.writeFileSync(recordFile, JSON.stringify({ ...record, pid: process.pid }), { mode: 0o600 });
  return async () => {
    // SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, data is flushed.
    if (isProcessAlive(postmasterPid)) process.kill(postmasterPid, "SIGINT");
    for (let waited = 0; waited < 15_000 && isProcessAlive(postmasterPid); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    fs.rmSync(recordFile, { force: true });
  };
}
