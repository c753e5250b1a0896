import { getDb } from "@/lib/db/client";
import { jsonError, userRoute } from "@/lib/http/route";
import { RangeArgumentError } from "@/lib/stats/range";
import { getCachedReport } from "@/lib/stats/report-cache";
import { statsFilterFor, statsQuerySchema } from "@/app/api/stats/stats-query";

export const dynamic = "force-dynamic";

/** The SPEC §5 report of the signed-in user (never anyone else's: there is no user parameter). */
export const GET = userRoute({ query: statsQuerySchema }, async ({ user, query }) => {
  try {
    return (await getCachedReport(getDb(), statsFilterFor(user, query))).report;
  } catch (error) {
    if (error instanceof RangeArgumentError) return jsonError(400, error.message);
    throw error;
  }
});
