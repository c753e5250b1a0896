/**
 * npm test: every layer, bringing up what it needs.
 *   1. unit + integration (Vitest) against DATABASE_URL or the embedded PostgreSQL
 *   2. the production build (skipped when it is newer than every source file)
 *   3. end-to-end (Playwright, Debian's Chromium) against that build, the simulator and a fresh database
 * Flags: --e2e-only, --no-e2e.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { useDatabase } from "@/lib/db/database-url";
import { bin, run } from "./support/processes";

const SOURCES = ["app", "components", "lib", "public", "next.config.js", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function buildIsFresh(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.every((source) => newestMtime(source) < built);
}

async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<number> {
  const args = new Set(process.argv.slice(2));
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const database = await useDatabase();
  env.DATABASE_URL = database.url;
  const failures: string[] = [];
  try {
    if (!args.has("--e2e-only")) {
      if ((await run(bin("vitest"), ["run"], env)) !== 0) failures.push("unit/integration");
    }
    if (!args.has("--no-e2e")) {
      if (!buildIsFresh()) {
        console.log("Building the app for the end-to-end tests…");
        if ((await run(bin("next"), ["build"], env)) !== 0) {
          failures.push("build");
          return 1;
        }
      }
      const e2eUrl = await freshDatabase(database.url, `encore_e2e_${process.env.E2E_APP_PORT ?? 3100}`);
      if ((await run(bin("playwright"), ["test"], { ...env, E2E_DATABASE_URL: e2eUrl })) !== 0) failures.push("end-to-end");
    }
  } finally {
    await database.stop();
  }
  if (failures.length) console.error(`Failed: ${failures.join(", ")}`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
