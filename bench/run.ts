/**
 * npm run bench -- [--only ingest|import|stats|web|genres|playlists] [--scale 0.1]
 * Each group lives in bench/<group>.ts and exports `run(options)`.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { resolveDatabase } from "@/lib/db/database-url";
import { dataRoot } from "@/lib/db/embedded";
import type { BenchLine, BenchOptions } from "./types";

const GROUPS = ["ingest", "import", "stats", "web", "genres", "playlists"] as const;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: "string" }, scale: { type: "string", default: "1" } } });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be a number in (0, 1], got ${values.scale}`);
  const groups = values.only ? [values.only] : [...GROUPS];
  for (const group of groups) {
    if (!GROUPS.includes(group as (typeof GROUPS)[number])) throw new Error(`--only takes one of ${GROUPS.join(", ")}, got ${group}`);
  }
  const database = await resolveDatabase();
  const cacheDir = path.join(dataRoot(), "bench");
  fs.mkdirSync(cacheDir, { recursive: true });
  let failed = false;
  const emit = (line: BenchLine) => {
    if (line.ok === false) failed = true;
    console.log(JSON.stringify(line));
  };
  try {
    for (const group of groups) {
      const file = path.join(__dirname, `${group}.ts`);
      if (!fs.existsSync(file)) {
        console.error(`bench group ${group}: not built yet (bench/${group}.ts is missing)`);
        continue;
      }
      const mod = (await import(file)) as { run(options: BenchOptions): Promise<void> };
      await mod.run({ scale, serverUrl: database.url, cacheDir, emit });
    }
  } finally {
    await database.stop();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
