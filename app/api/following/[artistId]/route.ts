import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { jsonError, userRoute } from "@/lib/http/route";
import { unfollowArtist } from "@/lib/following/follows";

export const dynamic = "force-dynamic";

/** Stops following an artist; 404 when the user does not follow it. */
export const DELETE = userRoute({ params: z.object({ artistId: z.string().min(1).max(200) }) }, async ({ user, params }) =>
  (await unfollowArtist(getDb(), user.id, params.artistId)) ? { id: params.artistId, following: false } : jsonError(404, "Not found."),
);
