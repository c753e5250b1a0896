import { getDb } from "@/lib/db/client";
import { userRoute } from "@/lib/http/route";
import { getTrends } from "@/lib/stats/trends";
import { trendsQuerySchema } from "@/app/api/trends/trends-query";

export const dynamic = "force-dynamic";

/** The SPEC §5c trends of the signed-in user (never anyone else's: there is no user parameter), in their time zone. */
export const GET = userRoute({ query: trendsQuerySchema }, async ({ user, query }) =>
  getTrends(getDb(), { userId: user.id, timeZone: user.timeZone, now: query.now ?? new Date(), limit: query.limit }),
);
