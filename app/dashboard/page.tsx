import type { Metadata } from "next";
import { currentPageUser } from "@/components/shell/current-user";
import { OverviewView } from "@/components/dashboard/OverviewView";
import { loadInitialReport, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { getReportArtwork } from "@/lib/catalog/report-artwork";
import { OVERVIEW_LIMIT, TRENDING_NOW_LIMIT, TRENDS_LIMIT } from "@/app/dashboard/_lib/limits";
import { getDb } from "@/lib/db/client";
import { getCachedTrendsPage } from "@/lib/stats/trends-cache";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const [initial, trending] = await Promise.all([
    loadInitialReport(user, await searchParams, OVERVIEW_LIMIT, "series"),
    // The trends page's cached data (computed once per day and data version, for either page):
    // its rising artists are in the same order, so their first three are the card's.
    getCachedTrendsPage(getDb(), { userId: user.id, timeZone: user.timeZone, now: new Date(), limit: TRENDS_LIMIT }).then((page) =>
      page.trends.risingArtists.slice(0, TRENDING_NOW_LIMIT),
    ),
  ]);
  const artwork = await getReportArtwork(getDb(), user.id, initial.report);
  return <OverviewView initial={initial} artwork={artwork} trending={trending} />;
}
