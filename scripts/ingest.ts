/** npm run ingest: one ingestion run for every connected user, printed as the cron endpoint's JSON. */
import { runScheduledIngestion } from "@/lib/ingest/scheduled-run";
import { applyLocalSecrets } from "@/lib/config/local-secrets";
import { runDatabaseCommand } from "./support/command";
import { useRunningDemoSpotify } from "./support/demo-spotify";

runDatabaseCommand("ingest", async () => {
  // Tokens that `npm start` or the demo stored without TOKEN_ENCRYPTION_KEY are sealed with the generated one.
  applyLocalSecrets(["TOKEN_ENCRYPTION_KEY"]);
  if (useRunningDemoSpotify()) console.error("ingest: the demo is running: using its Spotify simulator.");
  const result = await runScheduledIngestion("cli");
  console.log(JSON.stringify(result, null, 2));
  return result.users.some((user) => user.status === "error") ? 1 : 0;
});
