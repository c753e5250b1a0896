import type { Metadata } from "next";
import { currentPageUser } from "@/components/shell/current-user";
import { OverviewView } from "@/components/dashboard/OverviewView";
import { loadInitialReport, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { loadInitialArtwork } from "@/app/dashboard/_lib/load-artwork";
import { OVERVIEW_LIMIT } from "@/app/dashboard/_lib/limits";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const initial = await loadInitialReport(user, await searchParams, OVERVIEW_LIMIT, "series");
  const artwork = await loadInitialArtwork(initial.report);
  return <OverviewView initial={initial} artwork={artwork} />;
}
