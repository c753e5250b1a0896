import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { currentPageUser } from "@/components/shell/current-user";
import { RankedPageView } from "@/components/dashboard/RankedPageView";
import { loadInitialReport, rankByOf, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { getReportArtwork } from "@/lib/catalog/report-artwork";
import { RANKED_LIMIT } from "@/app/dashboard/_lib/limits";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Top tracks" };

export default async function TracksPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const params = await searchParams;
  const initial = await loadInitialReport(user, params, RANKED_LIMIT, "omitted", rankByOf(params), ["topTracks"]);
  return <RankedPageView kind="tracks" initial={initial} artwork={await getReportArtwork(getDb(), user.id, initial.report)} />;
}
