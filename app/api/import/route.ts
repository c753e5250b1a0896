import { getDb } from "@/lib/db/client";
import { userRoute } from "@/lib/http/route";
import { ImportError } from "@/lib/import";
import { ndjsonResponse, progressLines } from "@/lib/import/progress-stream";
import { importReceivedUpload, receiveUpload } from "@/lib/import/upload";
import { receiveFromRequest } from "@/lib/import/upload-request";
import { listImportJobs } from "@/components/import/import-jobs";
import type { ImportStreamEvent } from "@/components/import/import-protocol";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The signed-in user's past imports, newest first. */
export const GET = userRoute({}, async ({ user }) => ({ jobs: await listImportJobs(getDb(), user.id) }));

/**
 * The one-step import, without a preview (the upload page previews first: ./uploads): receives an
 * upload (a manifest line, then the files; see lib/import/upload.ts) into a temporary folder,
 * refusing it with 413 past the import limits, then imports it while streaming NDJSON progress,
 * and ends with the summary or the import's error.
 */
export const POST = userRoute({}, async ({ user, request }) => {
  const received = await receiveFromRequest(request, receiveUpload);
  if ("refusal" in received) return received.refusal;
  const upload = received.upload;
  return ndjsonResponse(async (sendLine) => {
    const send = (event: ImportStreamEvent) => sendLine(event);
    try {
      const result = await importReceivedUpload(upload, { userId: user.id, onProgress: progressLines(sendLine) });
      send({ type: "done", jobId: result.jobId, summary: result.summary, warningCount: result.warningCount });
    } catch (error) {
      if (!(error instanceof ImportError)) console.error("import upload: import failed", error);
      send({ type: "error", message: error instanceof ImportError ? error.message : "The import failed on the server; nothing was imported." });
    }
  });
});
