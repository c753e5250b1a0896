import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { jsonError, userRoute } from "@/lib/http/route";
import { revokeShare } from "@/lib/shares";

export const dynamic = "force-dynamic";

/** Revokes one of the signed-in user's share links: its page answers 404 from now on. */
export const DELETE = userRoute({ params: z.object({ id: z.string().min(1).max(64) }) }, async ({ user, params }) =>
  (await revokeShare(getDb(), user.id, params.id)) ? { revoked: true } : jsonError(404, "No live share link of yours has this id."),
);
