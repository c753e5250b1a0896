/** The response of the cron endpoint and `npm run ingest`, stored on the IngestRun row (SPEC §3). */
export type IngestUserStatus = "ok" | "reauth" | "deferred" | "error";

export type IngestUserResult = {
  spotifyId: string;
  status: IngestUserStatus;
  inserted: number;
  gap: boolean;
  error?: string;
};

export type IngestResult = {
  runId: string;
  startedAt: string;
  finishedAt: string;
  inserted: number;
  users: IngestUserResult[];
};
