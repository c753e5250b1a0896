/** One Slack-compatible message (`POST {"text": ...}`) per run with failed users. Never carries tokens. */
import type { IngestResult } from "@/lib/ingest/types";

export function alertText(result: IngestResult): string | null {
  const failed = result.users.filter((user) => user.status === "error");
  if (!failed.length) return null;
  const lines = failed.map((user) => `• ${user.spotifyId}: ${user.error ?? "unknown error"}`);
  return `Encore ingest run ${result.runId} (${result.startedAt}): ${failed.length} user(s) failed\n${lines.join("\n")}`;
}

export async function sendAlert(result: IngestResult, webhookUrl = process.env.ALERT_WEBHOOK_URL): Promise<boolean> {
  const text = alertText(result);
  if (!text || !webhookUrl) return false;
  try {
    const response = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(5000),
    });
    return response.ok;
  } catch {
    // An unreachable webhook must not fail the run it reports on.
    return false;
  }
}
