/** npm run ingest: one ingestion run for every connected user, printed as the cron endpoint's JSON. */
import { runScheduledIngestion } from "@/lib/ingest/scheduled-run";
import { runDatabaseCommand } from "./support/command";

runDatabaseCommand("ingest", async () => {
  const result = await runScheduledIngestion("cli");
  console.log(JSON.stringify(result, null, 2));
  return result.users.some((user) => user.status === "error") ? 1 : 0;
});
