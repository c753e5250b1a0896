/** npm run ingest: one ingestion run for every connected user, printed as the cron endpoint's JSON. */
import { disconnectDb } from "@/lib/db/client";
import { useDatabase } from "@/lib/db/database-url";
import { runScheduledIngestion } from "@/lib/ingest/scheduled-run";

async function main(): Promise<number> {
  const database = await useDatabase();
  try {
    const result = await runScheduledIngestion("cli");
    console.log(JSON.stringify(result, null, 2));
    return result.users.some((user) => user.status === "error") ? 1 : 0;
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
