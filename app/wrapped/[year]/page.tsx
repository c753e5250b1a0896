import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { pickLocale } from "@/lib/format/locale";
import { formatCount, formatDays, formatMinutes } from "@/lib/format/numbers";
import { formatDateRange, formatHourOfDay } from "@/lib/format/dates";
import { currentPageUser } from "@/components/shell/current-user";
import { loadYearSummary } from "@/components/wrapped/load-year";
import { FIRST_YEAR, LAST_YEAR, parseYearParam } from "@/components/wrapped/year-summary";
import { WrappedCard } from "@/components/wrapped/WrappedCard";
import { ImportSuggestion } from "@/components/dashboard/EmptyState";
import { MusicBrainzAttribution } from "@/components/genres/GenreSourceNote";
import { getDb } from "@/lib/db/client";
import { getGenreCoverage } from "@/lib/genres";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ year: string }> }): Promise<Metadata> {
  return { title: `${(await params).year} wrapped` };
}

export default async function WrappedYearPage({ params }: { params: Promise<{ year: string }> }) {
  const user = await currentPageUser();
  const year = parseYearParam((await params).year);
  if (year === null) notFound();
  const locale = pickLocale((await headers()).get("accept-language"));
  const [summary, genres] = await Promise.all([loadYearSummary(user, year), getGenreCoverage(getDb(), user.id)]);
  const empty = summary.streams === 0;
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
        </nav>
      </div>
      {empty ? (
        <ImportSuggestion title={`No listening in ${year} yet`}>
          Encore has no streams from {year}. Plays are collected every 30 minutes from now on; for earlier years, import your Spotify data export.
        </ImportSuggestion>
      ) : (
        <div className="wrapped-cards">
          <WrappedCard kicker={`${year} in minutes`} testId="wrapped-minutes" value={Math.floor(summary.msListened / 60_000)}>
            <div className="wrapped-big">{formatMinutes(summary.msListened, locale)}</div>
            <p className="wrapped-sub">minutes of music, over {formatCount(summary.streams, locale)} streams.</p>
          </WrappedCard>
          <WrappedCard kicker="Your top artist" testId="wrapped-top-artist" value={summary.topArtist?.name ?? ""}>
            <div className="wrapped-big">{summary.topArtist?.name}</div>
            <p className="wrapped-sub">{formatCount(summary.topArtist?.streams ?? 0, locale)} streams.</p>
          </WrappedCard>
          <WrappedCard kicker="Your top song" testId="wrapped-top-track" value={summary.topTrack?.name ?? ""}>
            <div className="wrapped-big">{summary.topTrack?.name}</div>
            <p className="wrapped-sub">
              by {summary.topTrack?.artists.join(", ")} · {formatCount(summary.topTrack?.streams ?? 0, locale)} streams.
            </p>
          </WrappedCard>
          <WrappedCard kicker="Your top genre" testId="wrapped-top-genre" value={summary.topGenre?.name ?? ""}>
            <div className="wrapped-big">{summary.topGenre?.name ?? "—"}</div>
            <p className="wrapped-sub">
              {summary.topGenre
                ? `${formatCount(summary.topGenre.streams, locale)} streams.`
                : "No genres known yet for your artists: they arrive over the next collection runs."}
            </p>
            {genres.fromMusicBrainz > 0 && (
              <p className="wrapped-sub small" data-testid="wrapped-genre-source">
                <MusicBrainzAttribution />.
              </p>
            )}
          </WrappedCard>
          <WrappedCard kicker="Your longest streak" testId="wrapped-longest-streak" value={summary.longestStreak.days}>
            <div className="wrapped-big">{formatDays(summary.longestStreak.days, locale)}</div>
            <p className="wrapped-sub">in a row, {formatDateRange(summary.longestStreak.start, summary.longestStreak.end, locale)}.</p>
          </WrappedCard>
          <WrappedCard kicker="New artists" testId="wrapped-new-artists" value={summary.newArtists}>
            <div className="wrapped-big">{formatCount(summary.newArtists, locale)}</div>
            <p className="wrapped-sub">artists you streamed for the very first time.</p>
          </WrappedCard>
          <WrappedCard kicker="Your busiest hour" testId="wrapped-busiest-hour" value={summary.busiestHour?.hour ?? -1}>
            <div className="wrapped-big">{summary.busiestHour ? formatHourOfDay(summary.busiestHour.hour, locale) : "—"}</div>
            <p className="wrapped-sub">
              {formatCount(summary.busiestHour?.streams ?? 0, locale)} streams in this hour of the day ({user.timeZone}).
            </p>
          </WrappedCard>
        </div>
      )}
    </div>
  );
}
