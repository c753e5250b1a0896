import type { Metadata } from "next";
import { currentPageUser } from "@/components/shell/current-user";
import { HabitsView } from "@/components/dashboard/HabitsView";
import { loadInitialReport, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { OVERVIEW_LIMIT } from "@/app/dashboard/_lib/limits";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Habits" };

export default async function HabitsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  // Habits show no lists: the shortest limit keeps the report cheap.
  return <HabitsView initial={await loadInitialReport(user, await searchParams, OVERVIEW_LIMIT, "omitted", undefined, [])} />;
}
