import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { getCachedTrendsPage } from "@/lib/stats/trends-cache";
import { currentPageUser } from "@/components/shell/current-user";
import { TrendsView } from "@/components/trends/TrendsView";
import { trendsViewData } from "@/components/trends/trends-view-data";
import { firstParam, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { TRENDS_LIMIT } from "@/app/dashboard/_lib/limits";
import { trendsQuerySchema } from "@/app/api/trends/trends-query";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Trends" };

/** Today's trends, or those as of `?now=` (an ISO instant, as GET /api/trends takes it); a `now` not understood shows today's with a note. */
export default async function TrendsPageRoute({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const requested = firstParam((await searchParams).now);
  const parsed = requested ? trendsQuerySchema.safeParse({ now: requested }) : null;
  const asOf = parsed?.success ? (parsed.data.now ?? null) : null;
  const page = await getCachedTrendsPage(getDb(), { userId: user.id, timeZone: user.timeZone, now: asOf ?? new Date(), limit: TRENDS_LIMIT });
  return <TrendsView page={trendsViewData(page)} asOf={asOf ? asOf.toISOString() : null} nowNotUnderstood={parsed !== null && !parsed.success} />;
}
