/**
 * Sends files to `POST /api/import` with XMLHttpRequest (fetch reports no upload progress) and
 * reads the NDJSON answer as it arrives. The body is a Blob of the manifest line and the Files:
 * the browser reads them from disk as it sends, so a 2 GiB export is never in memory.
 */
import { importStreamEventSchema, manifestLine, type ImportProgressEvent, type ImportSummaryEvent } from "./import-protocol";

export type UploadHandlers = {
  onUploadProgress(loaded: number, total: number): void;
  onImportProgress(progress: ImportProgressEvent): void;
  onDone(result: { summary: ImportSummaryEvent; warningCount: number; jobId: string }): void;
  onError(message: string): void;
};

export function sendUpload(files: readonly File[], handlers: UploadHandlers): { abort(): void } {
  const xhr = new XMLHttpRequest();
  let parsedUpTo = 0;
  let finished = false;
  const finishWithError = (message: string) => {
    if (finished) return;
    finished = true;
    handlers.onError(message);
  };

  const readLines = () => {
    const text = xhr.responseText;
    for (let newline = text.indexOf("\n", parsedUpTo); newline >= 0 && !finished; newline = text.indexOf("\n", parsedUpTo)) {
      const line = text.slice(parsedUpTo, newline);
      parsedUpTo = newline + 1;
      if (line.trim() === "") continue;
      const parsed = importStreamEventSchema.safeParse(safeJson(line));
      if (!parsed.success) return finishWithError("The server sent an answer this page does not understand; reload and try again.");
      const event = parsed.data;
      if (event.type === "progress") handlers.onImportProgress(event);
      else if (event.type === "error") finishWithError(event.message);
      else {
        finished = true;
        handlers.onDone({ summary: event.summary, warningCount: event.warningCount, jobId: event.jobId });
      }
    }
  };

  xhr.open("POST", "/api/import");
  xhr.setRequestHeader("content-type", "application/octet-stream");
  xhr.upload.onprogress = (event) => {
    if (event.lengthComputable) handlers.onUploadProgress(event.loaded, event.total);
  };
  xhr.onprogress = () => {
    if (xhr.status === 200) readLines();
  };
  xhr.onload = () => {
    if (xhr.status !== 200) {
      const body = safeJson(xhr.responseText) as { error?: unknown } | null;
      return finishWithError(typeof body?.error === "string" ? body.error : `The upload was refused (HTTP ${xhr.status}).`);
    }
    readLines();
    finishWithError("The connection ended before the import finished. Check the list below: an import is stored completely or not at all.");
  };
  xhr.onerror = () =>
    finishWithError("The upload was interrupted (the connection dropped, or the server refused it). Nothing was imported; try again.");
  xhr.onabort = () => finishWithError("The upload was cancelled. Nothing was imported.");
  xhr.send(new Blob([manifestLine(files.map((file) => ({ name: file.name, size: file.size }))), ...files]));
  return { abort: () => xhr.abort() };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
