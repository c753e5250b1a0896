import { jsonError, userRoute } from "@/lib/http/route";
import { pendingUploadParams, pendingUploads, UPLOAD_NOT_WAITING } from "@/lib/import/pending-uploads";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Cancels the user's upload waiting for confirmation: its files are deleted. */
export const DELETE = userRoute({ params: pendingUploadParams }, async ({ user, params }) => {
  if (!(await pendingUploads().cancel(params.id, user.id))) return jsonError(404, UPLOAD_NOT_WAITING);
  return { cancelled: true };
});
