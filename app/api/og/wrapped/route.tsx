import { z } from "zod";
import { userRoute } from "@/lib/http/route";
import { formatMinutes } from "@/lib/format/numbers";
import { loadYearSummary } from "@/components/wrapped/load-year";
import { parseYearParam } from "@/components/wrapped/year-summary";
import { summaryImageResponse } from "@/components/wrapped/summary-image";
import { IMAGE_LOCALE, yearImageRows } from "@/components/wrapped/year-image-rows";

export const dynamic = "force-dynamic";

const shareQuery = z.object({
  year: z.string().transform((text, context) => {
    const year = parseYearParam(text);
    if (year === null) {
      context.addIssue({ code: "custom", message: "year must be a four-digit year between 2000 and 2100" });
      return z.NEVER;
    }
    return year;
  }),
});

/** The signed-in user's year in review as a 1200×630 PNG, rendered on the server. */
export const GET = userRoute({ query: shareQuery }, async ({ user, query }) => {
  const summary = await loadYearSummary(user, query.year);
  return summaryImageResponse({
    heading: `ENCORE · ${summary.year} WRAPPED · ${user.displayName}`,
    minutes: formatMinutes(summary.msListened, IMAGE_LOCALE),
    rows: yearImageRows(summary),
  });
});
