import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { yearRange } from "@/lib/stats/range";
import { getCachedReport } from "@/lib/stats/report-cache";
import { summariseYear, type YearSummary } from "@/components/wrapped/year-summary";

/** A report of the user's local calendar year, as the page and the share image show it. */
export async function loadYearSummary(user: Pick<SessionUser, "id" | "timeZone">, year: number): Promise<YearSummary> {
  const { from, to } = yearRange(year, user.timeZone);
  // Cached: the page and its share image ask for the same report one after the other.
  const { report } = await getCachedReport(getDb(), { userId: user.id, from, to, timeZone: user.timeZone, limit: 1, now: new Date() });
  return summariseYear(year, report);
}
