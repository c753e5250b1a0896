import type { Metadata } from "next";
import { currentPageUser } from "@/components/shell/current-user";
import { StreaksView } from "@/components/dashboard/StreaksView";
import { loadInitialReport, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { DETAIL_LIMIT } from "@/app/dashboard/_lib/limits";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Streaks" };

export default async function StreaksPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  return <StreaksView initial={await loadInitialReport(user, await searchParams, DETAIL_LIMIT, "calendar", undefined, ["streaks"])} />;
}
