import type { Metadata } from "next";
import { headers } from "next/headers";
import { currentPageUser } from "@/components/shell/current-user";
import { RankedPageView } from "@/components/dashboard/RankedPageView";
import { GenreSourceNote } from "@/components/genres/GenreSourceNote";
import { loadInitialReport, rankByOf, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { getReportArtwork } from "@/lib/catalog/report-artwork";
import { RANKED_LIMIT } from "@/app/dashboard/_lib/limits";
import { getDb } from "@/lib/db/client";
import { pickLocale } from "@/lib/format/locale";
import { getCachedGenreCoverage } from "@/lib/genres";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Top genres" };

export default async function GenresPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const params = await searchParams;
  const locale = pickLocale((await headers()).get("accept-language"));
  const [initial, coverage] = await Promise.all([loadInitialReport(user, params, RANKED_LIMIT, "omitted", rankByOf(params), ["topGenres"]), getCachedGenreCoverage(getDb(), user.id)]);
  return (
    <RankedPageView
      kind="genres"
      initial={initial}
      artwork={await getReportArtwork(getDb(), user.id, initial.report)}
      footnote={<GenreSourceNote coverage={coverage} locale={locale} timeZone={user.timeZone} />}
    />
  );
}
