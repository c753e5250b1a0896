/**
 * The upload page's requests (see import-protocol.ts). The upload goes with XMLHttpRequest (fetch
 * reports no upload progress) as a Blob of the manifest line and the Files: the browser reads them
 * from disk as it sends, so a 2 GiB export is never in memory. Answers are NDJSON, read as they arrive.
 */
import { importStreamEventSchema, manifestLine, type ImportProgressEvent, type ImportStreamEvent, type ImportSummaryEvent } from "./import-protocol";

export type Preview = { uploadId: string; expiresAt: string; summary: ImportSummaryEvent; warningCount: number };
export type Imported = { jobId: string; summary: ImportSummaryEvent; warningCount: number };

const NOT_UNDERSTOOD = "The server sent an answer this page does not understand; reload and try again.";

/** Feeds NDJSON text as it grows; calls `onEvent` once per complete, valid line, `onInvalid` for the first that is not. */
function lineReader(onEvent: (event: ImportStreamEvent) => boolean, onInvalid: () => void): (text: string) => void {
  let parsedUpTo = 0;
  let stopped = false;
  return (text) => {
    for (let newline = text.indexOf("\n", parsedUpTo); newline >= 0 && !stopped; newline = text.indexOf("\n", parsedUpTo)) {
      const line = text.slice(parsedUpTo, newline);
      parsedUpTo = newline + 1;
      if (line.trim() === "") continue;
      const parsed = importStreamEventSchema.safeParse(safeJson(line));
      if (!parsed.success) {
        stopped = true;
        return onInvalid();
      }
      stopped = onEvent(parsed.data);
    }
  };
}

export type UploadHandlers = {
  onUploadProgress(loaded: number, total: number): void;
  onPreviewProgress(progress: ImportProgressEvent): void;
  onPreview(preview: Preview): void;
  onError(message: string): void;
};

/** Uploads the files and reads the preview of their import; the upload then waits for confirm or cancel. */
export function sendUpload(files: readonly File[], handlers: UploadHandlers): { abort(): void } {
  const xhr = new XMLHttpRequest();
  let finished = false;
  const finishWithError = (message: string) => {
    if (finished) return;
    finished = true;
    handlers.onError(message);
  };
  const read = lineReader(
    (event) => {
      if (event.type === "progress") handlers.onPreviewProgress(event);
      else if (event.type === "error") finishWithError(event.message);
      else if (event.type === "preview") {
        finished = true;
        handlers.onPreview({ uploadId: event.uploadId, expiresAt: event.expiresAt, summary: event.summary, warningCount: event.warningCount });
      } else finishWithError(NOT_UNDERSTOOD);
      return finished;
    },
    () => finishWithError(NOT_UNDERSTOOD),
  );

  xhr.open("POST", "/api/import/uploads");
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.upload.onprogress = (event) => {
    if (event.lengthComputable) handlers.onUploadProgress(event.loaded, event.total);
  };
  xhr.onprogress = () => {
    if (xhr.status === 200) read(xhr.responseText);
  };
  xhr.onload = () => {
    if (xhr.status !== 200) return finishWithError(errorOf(xhr.responseText, `The upload was refused (HTTP ${xhr.status}).`));
    read(xhr.responseText);
    finishWithError("The connection ended before the preview was ready. Nothing was imported; upload the export again.");
  };
  xhr.onerror = () => finishWithError("The upload was interrupted (the connection dropped, or the server refused it). Nothing was imported; try again.");
  xhr.onabort = () => finishWithError("The upload was cancelled. Nothing was imported.");
  xhr.send(new Blob([manifestLine(files.map((file) => ({ name: file.name, size: file.size }))), ...files]));
  return { abort: () => xhr.abort() };
}

export type ConfirmHandlers = {
  onImportProgress(progress: ImportProgressEvent): void;
  onDone(result: Imported): void;
  /** `uploadAgain`: the upload no longer waits (expired, cancelled, the server restarted). */
  onError(message: string, uploadAgain: boolean): void;
};

/** Confirms a previewed upload: the server imports it and deletes it. */
export async function confirmUpload(uploadId: string, handlers: ConfirmHandlers): Promise<void> {
  let finished = false;
  const finishWithError = (message: string, uploadAgain = false) => {
    if (finished) return;
    finished = true;
    handlers.onError(message, uploadAgain);
  };
  let response: Response;
  try {
    response = await fetch(`/api/import/uploads/${encodeURIComponent(uploadId)}/confirm`, { method: "POST" });
  } catch {
    return finishWithError("The server could not be reached; the upload still waits for a few minutes: try again.");
  }
  if (response.status === 404) return finishWithError(errorOf(await response.text(), "This upload is no longer waiting. Upload the export again."), true);
  if (!response.ok || !response.body) return finishWithError(errorOf(await response.text(), `The import was refused (HTTP ${response.status}).`));
  const read = lineReader(
    (event) => {
      if (event.type === "progress") handlers.onImportProgress(event);
      else if (event.type === "error") finishWithError(event.message);
      else if (event.type === "done") {
        finished = true;
        handlers.onDone({ jobId: event.jobId, summary: event.summary, warningCount: event.warningCount });
      } else finishWithError(NOT_UNDERSTOOD);
      return finished;
    },
    () => finishWithError(NOT_UNDERSTOOD),
  );
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
      read(text);
    }
  } catch {
    // the connection dropped: said below
  }
  finishWithError("The connection ended before the import finished. Check the list below: an import is stored completely or not at all.");
}

/** Cancels a previewed upload (its files are deleted on the server); an upload no longer waiting is fine too. */
export async function cancelUpload(uploadId: string): Promise<void> {
  // keepalive: the request still goes out when the page is being left.
  await fetch(`/api/import/uploads/${encodeURIComponent(uploadId)}`, { method: "DELETE", keepalive: true }).catch(() => undefined);
}

function errorOf(body: string, fallback: string): string {
  const parsed = safeJson(body) as { error?: unknown } | null;
  return typeof parsed?.error === "string" ? parsed.error : fallback;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
