import { userRoute } from "@/lib/http/route";
import { ImportError, previewSpotifyExport } from "@/lib/import";
import { pendingUploads } from "@/lib/import/pending-uploads";
import { ndjsonResponse, progressLines } from "@/lib/import/progress-stream";
import { receiveFromRequest } from "@/lib/import/upload-request";
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
  const uploads = pendingUploads();
  const received = await receiveFromRequest(request, (body, options) => uploads.receive(user.id, body, options));
  if ("refusal" in received) return received.refusal;
  const upload = received.upload;
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
