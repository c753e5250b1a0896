import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { jsonError, userRoute } from "@/lib/http/route";
import { deleteAccount } from "@/lib/account/account";

export const dynamic = "force-dynamic";

const deleteBody = z.object({ confirm: z.string() });

/** Deletes everything of the signed-in user, once they typed their Spotify user id to confirm. */
export const DELETE = userRoute({ body: deleteBody }, async ({ user, body }) =>
  body.confirm.trim() === user.spotifyId
    ? { deleted: await deleteAccount(getDb(), user.id) }
    : jsonError(400, `To delete everything, confirm with your Spotify user id (${user.spotifyId}).`),
);
