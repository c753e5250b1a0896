import type { Metadata } from "next";
import { currentPageUser } from "@/components/shell/current-user";
import { RankedPageView } from "@/components/dashboard/RankedPageView";
import { loadInitialReport, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { loadInitialArtwork } from "@/app/dashboard/_lib/load-artwork";
import { RANKED_POOL } from "@/app/dashboard/_lib/limits";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Top tracks" };

export default async function TracksPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const initial = await loadInitialReport(user, await searchParams, RANKED_POOL);
  return <RankedPageView kind="tracks" initial={initial} artwork={await loadInitialArtwork(initial.report)} />;
}
