import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { userRoute } from "@/lib/http/route";
import { trackCredits } from "@/lib/catalog/track-credits";

export const dynamic = "force-dynamic";

const creditsQuery = z.object({
  ids: z
    .string()
    .max(20_000)
    .transform((text) => text.split(",").filter(Boolean))
    .pipe(z.array(z.string().max(200)).max(500)),
});

/** Credited artists (ids and names) of tracks the signed-in user has played, for links to artist pages. */
export const GET = userRoute({ query: creditsQuery }, async ({ user, query }) => ({ credits: await trackCredits(getDb(), query.ids, user.id) }));
