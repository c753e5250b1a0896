/** The run the cron endpoint, `npm run ingest` and the demo's timer all perform. */
import { getDb } from "@/lib/db/client";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import type { IngestResult } from "@/lib/ingest/types";

export async function runScheduledIngestion(trigger: NonNullable<IngestOptions["trigger"]>): Promise<IngestResult> {
  return runIngestion({ db: getDb(), trigger });
}
