/** npm run checks [-- --json]: the data-quality checks of SPEC §7; exits non-zero when one fails. */
import { runChecks } from "@/lib/checks/run-checks";
import { getDb } from "@/lib/db/client";
import { runDatabaseCommand } from "./support/command";

runDatabaseCommand("checks", async () => {
  const results = await runChecks(getDb());
  if (process.argv.includes("--json")) console.log(JSON.stringify(results, null, 2));
  else {
    for (const check of results) {
      const verdict = check.informational ? "info" : check.ok ? "pass" : "FAIL";
      console.log(`${verdict}  ${check.name.padEnd(20)} ${String(check.count).padStart(8)}  ${check.description}`);
    }
  }
  return results.some((check) => !check.ok) ? 1 : 0;
});
