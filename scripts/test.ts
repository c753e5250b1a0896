/**
 * npm test: every layer, bringing up what it needs.
 *   1. unit + integration (Vitest) against DATABASE_URL or the embedded PostgreSQL
 *   2. the production build (skipped when it is newer than every source file)
 *   3. end-to-end (Playwright, Debian's Chromium) against that build, the simulator and a fresh database
 * Flags: --e2e-only, --no-e2e; other arguments (spec files) go to Playwright.
 */
import { recreateDatabase } from "@/lib/db/admin";
import { useDatabase } from "@/lib/db/database-url";
import { buildIsFresh } from "./support/build-freshness";
import { bin, run } from "./support/processes";

async function main(): Promise<number> {
  const args = new Set(process.argv.slice(2));
  // Anything else (e.g. a spec file) goes to Playwright.
  const playwrightArgs = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
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
      const e2eUrl = await recreateDatabase(database.url, `encore_e2e_${process.env.E2E_APP_PORT ?? 3100}`);
      if ((await run(bin("playwright"), ["test", ...playwrightArgs], { ...env, E2E_DATABASE_URL: e2eUrl })) !== 0) failures.push("end-to-end");
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
