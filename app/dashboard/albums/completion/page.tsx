import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { currentPageUser } from "@/components/shell/current-user";
import { AlbumCompletionView } from "@/components/dashboard/AlbumCompletionView";
import { loadInitialReport, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { getReportArtwork } from "@/lib/catalog/report-artwork";
import { DETAIL_LIMIT } from "@/app/dashboard/_lib/limits";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Album completion" };

export default async function AlbumCompletionPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const initial = await loadInitialReport(user, await searchParams, DETAIL_LIMIT, "omitted", undefined, ["albumCompletion"]);
  return <AlbumCompletionView initial={initial} artwork={await getReportArtwork(getDb(), user.id, initial.report)} />;
}
