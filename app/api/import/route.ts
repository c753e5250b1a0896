import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { refuseForeignOrigin } from "@/lib/http/origin";
import { jsonError, userRoute } from "@/lib/http/route";
import { ImportError, type ImportProgress } from "@/lib/import";
import { importReceivedUpload, receiveUpload, UploadRefusedError } from "@/lib/import/upload";
import { listImportJobs } from "@/components/import/import-jobs";
import type { ImportStreamEvent } from "@/components/import/import-protocol";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Progress lines are sent at most this often (a stage or file change is always sent). */
const PROGRESS_INTERVAL_MS = 100;

/** The signed-in user's past imports, newest first. */
export const GET = userRoute({}, async ({ user }) => ({ jobs: await listImportJobs(getDb(), user.id) }));

/**
 * Receives an upload (a manifest line, then the files; see lib/import/upload.ts) into a temporary
 * folder, refusing it with 413 past the import limits, then imports it while streaming NDJSON
 * progress, and ends with the summary or the import's error.
 */
export async function POST(request: Request): Promise<Response> {
  const refused = refuseForeignOrigin(request);
  if (refused) return refused;
  const user = await getSessionUser();
  if (!user) return jsonError(401, "Sign in first: this endpoint needs a session.");
  const contentLength = request.headers.get("content-length");
  let received;
  try {
    received = await receiveUpload(request.body, { contentLength: contentLength === null ? null : Number(contentLength) });
  } catch (error) {
    if (error instanceof UploadRefusedError) return jsonError(error.status, error.message);
    console.error("import upload: receiving failed", error);
    return jsonError(400, "The upload could not be read (was it interrupted?). Nothing was imported.");
  }
  const upload = received;
  return ndjsonResponse(async (send) => {
    const throttle = progressThrottle(send);
    try {
      const result = await importReceivedUpload(upload, { userId: user.id, onProgress: throttle });
      send({ type: "done", jobId: result.jobId, summary: result.summary, warningCount: result.warningCount });
    } catch (error) {
      if (!(error instanceof ImportError)) console.error("import upload: import failed", error);
      send({ type: "error", message: error instanceof ImportError ? error.message : "The import failed on the server; nothing was imported." });
    }
  });
}

type Send = (event: ImportStreamEvent) => void;

/** Runs `produce` while its events stream out; a client that goes away does not stop the import (nor its cleanup). */
function ndjsonResponse(produce: (send: Send) => Promise<void>): Response {
  const encoder = new TextEncoder();
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    cancel() {
      open = false;
    },
    start(controller) {
      const send: Send = (event) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          open = false; // the reader cancelled
        }
      };
      void produce(send).finally(() => {
        if (open) controller.close();
        open = false;
      });
    },
  });
  // no-transform keeps compression from holding the lines back until the end.
  return new Response(body, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}

function progressThrottle(send: Send): (progress: ImportProgress) => void {
  let last: ImportProgress | null = null;
  let lastSentAt = 0;
  return (progress) => {
    const now = Date.now();
    const milestone = !last || last.stage !== progress.stage || last.filesDone !== progress.filesDone;
    if (!milestone && now - lastSentAt < PROGRESS_INTERVAL_MS) return;
    last = progress;
    lastSentAt = now;
    send({ type: "progress", ...progress });
  };
}
