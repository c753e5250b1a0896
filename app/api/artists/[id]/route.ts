import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { jsonError, userRoute } from "@/lib/http/route";
import { getArtistReport } from "@/lib/stats/artistReport";
import { RangeArgumentError } from "@/lib/stats/range";
import { statsFilterFor, statsQuerySchema } from "@/app/api/stats/stats-query";

export const dynamic = "force-dynamic";

const artistParams = z.object({ id: z.string().min(1).max(200) });

/**
 * The SPEC 5c artist report of the signed-in user, with /api/stats's range parameters. An artist
 * the user never played answers 404 exactly like an unknown id: the catalogue is shared, plays are not.
 */
export const GET = userRoute({ params: artistParams, query: statsQuerySchema }, async ({ user, params, query }) => {
  try {
    const report = await getArtistReport(getDb(), statsFilterFor(user, query), params.id);
    return report ?? jsonError(404, "Not found.");
  } catch (error) {
    if (error instanceof RangeArgumentError) return jsonError(400, error.message);
    throw error;
  }
});
