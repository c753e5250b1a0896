/**
 * The import routes' answers: NDJSON lines written while the work runs (progress, then one final
 * line), so the page can draw a real progress bar over a single request.
 */
import type { ImportProgress } from "./import-export";

/** Progress lines are sent at most this often (a stage or file change is always sent). */
const PROGRESS_INTERVAL_MS = 100;

export type SendLine = (event: object) => void;

/** Runs `produce` while its lines stream out; a client that goes away does not stop the work (nor its cleanup). */
export function ndjsonResponse(produce: (send: SendLine) => Promise<void>): Response {
  const encoder = new TextEncoder();
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    cancel() {
      open = false;
    },
    start(controller) {
      const send: SendLine = (event) => {
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

/** `{ type: "progress", ... }` lines, thinned out to one per interval except at milestones. */
export function progressLines(send: SendLine): (progress: ImportProgress) => void {
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
