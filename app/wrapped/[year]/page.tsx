import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { pickLocale } from "@/lib/format/locale";
import { currentPageUser } from "@/components/shell/current-user";
import { loadYearSummary } from "@/components/wrapped/load-year";
import { FIRST_YEAR, LAST_YEAR, parseYearParam } from "@/components/wrapped/year-summary";
import { YearCards } from "@/components/wrapped/YearCards";
import { WhileDetailsPending, WhilePlaysAreRead } from "@/components/collection/PendingNotices";
import { ShareButton } from "@/components/shares/ShareButton";
import { ImportSuggestion } from "@/components/dashboard/EmptyState";
import { artistHref, creditLinks, yearRangeSearch } from "@/components/dashboard/artist-links";
import { MusicBrainzAttribution } from "@/components/genres/GenreSourceNote";
import { getDb } from "@/lib/db/client";
import { trackCredits } from "@/lib/catalog/track-credits";
import { getCachedGenreCoverage } from "@/lib/genres";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ year: string }> }): Promise<Metadata> {
  return { title: `${(await params).year} wrapped` };
}

export default async function WrappedYearPage({ params }: { params: Promise<{ year: string }> }) {
  const user = await currentPageUser();
  const year = parseYearParam((await params).year);
  if (year === null) notFound();
  const locale = pickLocale((await headers()).get("accept-language"));
  const [summary, genres] = await Promise.all([loadYearSummary(user, year), getCachedGenreCoverage(getDb(), user.id)]);
  const empty = summary.streams === 0;
  // Artist names link to the artist's page over this year.
  const toArtist = (id: string) => artistHref(id, yearRangeSearch(year));
  const topTrackCredits = summary.topTrack ? creditLinks((await trackCredits(getDb(), [summary.topTrack.id]))[summary.topTrack.id], yearRangeSearch(year)) : [];
  return (
    <div className="wrapped">
      <div className="wrapped-toolbar">
        <div className="page-heading">
          <h1>Your {year} wrapped</h1>
        </div>
        <nav className="segmented" aria-label="Other years">
          {year > FIRST_YEAR && (
            <Link className="chip" href={`/wrapped/${year - 1}`}>
              ← {year - 1}
            </Link>
          )}
          {year < LAST_YEAR && (
            <Link className="chip" href={`/wrapped/${year + 1}`}>
              {year + 1} →
            </Link>
          )}
          {!empty && (
            <a className="chip" href={`/api/og/wrapped?year=${year}`} download={`encore-wrapped-${year}.png`} data-testid="share-image">
              Share image (PNG)
            </a>
          )}
          {!empty && <ShareButton request={{ kind: "wrapped", year }} what={`your ${year} wrapped`} timeZone={user.timeZone} />}
        </nav>
      </div>
      {empty ? (
        <WhilePlaysAreRead>
          <ImportSuggestion title={`No listening in ${year} yet`}>
            Encore has no streams from {year}. Plays are collected every 30 minutes from now on; for earlier years, import your Spotify data export.
          </ImportSuggestion>
        </WhilePlaysAreRead>
      ) : (
        <>
          <YearCards
            summary={summary}
            locale={locale}
            timeZone={user.timeZone}
            links={{ artistHref: toArtist, topTrackCredits }}
            genreNote={
              genres.fromMusicBrainz > 0 && (
                <p className="wrapped-sub small" data-testid="wrapped-genre-source">
                  <MusicBrainzAttribution />.
                </p>
              )
            }
          />
          {summary.topGenre === null && <WhileDetailsPending needs="genres">{null}</WhileDetailsPending>}
        </>
      )}
    </div>
  );
}
