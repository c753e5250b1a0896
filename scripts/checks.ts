/** npm run checks [-- --json]: the data-quality checks of SPEC §7; exits non-zero when one fails. */
import { runChecks } from "@/lib/checks/run-checks";
import { getDb } from "@/lib/db/client";
import { applyLocalSecrets } from "@/lib/config/local-secrets";
import { runDatabaseCommand } from "./support/command";

runDatabaseCommand("checks", async () => {
  // Tokens that `npm start` or the demo stored without TOKEN_ENCRYPTION_KEY are sealed with the generated one.
  applyLocalSecrets(["TOKEN_ENCRYPTION_KEY"]);
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
