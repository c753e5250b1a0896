import { jsonError, userRoute } from "@/lib/http/route";
import { ImportError, previewSpotifyExport } from "@/lib/import";
import { pendingUploads } from "@/lib/import/pending-uploads";
import { ndjsonResponse, progressLines } from "@/lib/import/progress-stream";
import { UploadRefusedError } from "@/lib/import/upload";
import type { ImportStreamEvent } from "@/components/import/import-protocol";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Receives an upload (a manifest line, then the files; see lib/import/upload.ts) into a private
 * folder where it waits for confirmation (lib/import/pending-uploads.ts), refusing it with 413
 * past the import limits; then previews its import (a dry run) while streaming NDJSON progress,
 * and ends with the preview and the id to confirm or cancel, or the error (the upload is then gone).
 */
export const POST = userRoute({}, async ({ user, request }) => {
  const contentLength = request.headers.get("content-length");
  const uploads = pendingUploads();
  let received;
  try {
    received = await uploads.receive(user.id, request.body, { contentLength: contentLength === null ? null : Number(contentLength) });
  } catch (error) {
    if (error instanceof UploadRefusedError) return jsonError(error.status, error.message);
    console.error("import upload: receiving failed", error);
    return jsonError(400, "The upload could not be read (was it interrupted?). Nothing was imported.");
  }
  const upload = received;
  return ndjsonResponse(async (sendLine) => {
    const send = (event: ImportStreamEvent) => sendLine(event);
    try {
      const preview = await previewSpotifyExport({ userId: user.id, inputs: upload.paths, source: "upload", onProgress: progressLines(sendLine) });
      send({ type: "preview", uploadId: upload.id, expiresAt: upload.expiresAt.toISOString(), summary: preview.summary, warningCount: preview.warningCount });
    } catch (error) {
      await uploads.cancel(upload.id, user.id);
      if (!(error instanceof ImportError)) console.error("import upload: preview failed", error);
      send({ type: "error", message: error instanceof ImportError ? error.message : "The preview failed on the server; nothing was imported." });
    }
  });
});
