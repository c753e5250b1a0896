/** npm run checks: the data-quality checks of SPEC §7; exits non-zero when one fails. */
import { runChecks } from "@/lib/checks/run-checks";
import { disconnectDb, getDb } from "@/lib/db/client";
import { useDatabase } from "@/lib/db/database-url";

async function main(): Promise<number> {
  const database = await useDatabase();
  try {
    const results = await runChecks(getDb());
    const json = process.argv.includes("--json");
    if (json) console.log(JSON.stringify(results, null, 2));
    else for (const check of results) console.log(`${check.informational ? "info" : check.ok ? "pass" : "FAIL"}  ${check.name.padEnd(20)} ${String(check.count).padStart(8)}  ${check.description}`);
    return results.some((check) => !check.ok) ? 1 : 0;
  } finally {
    await disconnectDb();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
