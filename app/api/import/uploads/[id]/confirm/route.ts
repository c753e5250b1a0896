import { jsonError, userRoute } from "@/lib/http/route";
import { ImportError, importSpotifyExport } from "@/lib/import";
import { pendingUploadParams, pendingUploads, UPLOAD_NOT_WAITING } from "@/lib/import/pending-uploads";
import { ndjsonResponse, progressLines } from "@/lib/import/progress-stream";
import type { ImportStreamEvent } from "@/components/import/import-protocol";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Imports the user's upload waiting for confirmation, streaming NDJSON progress and ending with
 * the summary or the import's error; its files are deleted either way. Unknown, expired and other
 * users' uploads answer 404 alike.
 */
export const POST = userRoute({ params: pendingUploadParams }, async ({ user, params }) => {
  const uploads = pendingUploads();
  const upload = uploads.take(params.id, user.id);
  if (!upload) return jsonError(404, UPLOAD_NOT_WAITING);
  return ndjsonResponse(async (sendLine) => {
    const send = (event: ImportStreamEvent) => sendLine(event);
    try {
      const result = await importSpotifyExport({ userId: user.id, inputs: upload.paths, source: "upload", onProgress: progressLines(sendLine) });
      send({ type: "done", jobId: result.jobId, summary: result.summary, warningCount: result.warningCount });
    } catch (error) {
      if (!(error instanceof ImportError)) console.error("import upload: import failed", error);
      send({ type: "error", message: error instanceof ImportError ? error.message : "The import failed on the server; nothing was imported." });
    } finally {
      await uploads.remove(upload);
    }
  });
});
