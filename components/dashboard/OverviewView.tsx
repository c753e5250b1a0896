"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { formatCount, formatHours, formatMinutes, formatPercent } from "@/lib/format/numbers";
import { useLocale } from "@/components/providers/AppProviders";
import type { InitialReport } from "@/components/dashboard/report-types";
import type { ReportArtwork } from "@/lib/catalog/report-artwork";
import { useDashboardReport } from "@/components/dashboard/useDashboardReport";
import { useArtwork } from "@/components/dashboard/useArtwork";
import { ReportFrame } from "@/components/dashboard/ReportFrame";
import { StatCard } from "@/components/dashboard/StatCard";
import { EmptyState } from "@/components/dashboard/EmptyState";
import { RankedList } from "@/components/dashboard/RankedList";
import { TimelineChart } from "@/components/charts/TimelineChart";
import { timelineSeries } from "@/components/charts/timeline-series";
import { rangeLabel, rangeSearch, resolveFromParams } from "@/components/range/range-params";
import { ShareButton } from "@/components/shares/ShareButton";
import { useTrackCredits } from "@/components/dashboard/useTrackCredits";
import { artistHref, creditLinks } from "@/components/dashboard/artist-links";
import { WhileDetailsPending } from "@/components/collection/PendingNotices";
import { TrendingNowCard } from "@/components/trends/TrendingNowCard";
import type { TrendItem } from "@/lib/stats/trend-types";

export function OverviewView({ initial, artwork, trending }: { initial: InitialReport; artwork: ReportArtwork; trending?: TrendItem[] }) {
  const locale = useLocale();
  const { report, updating, error, retry } = useDashboardReport(initial);
  const params = useSearchParams();
  const search = rangeSearch(params);
  const shared = resolveFromParams(params, initial.timeZone);
  const artistImages = useArtwork("artist", report.topArtists.map((item) => item.id), artwork.artists, artwork.ids.artists);
  const albumImages = useArtwork("album", report.topAlbums.map((item) => item.id), artwork.albums, artwork.ids.albums);
  const trackImages = useArtwork("track", report.topTracks.map((item) => item.id), artwork.tracks, artwork.ids.tracks);
  const credits = useTrackCredits(report.topTracks.map((item) => item.id), artwork.credits);
  const toArtist = (id: string) => artistHref(id, search);
  const { totals } = report;
  const seeAll = (path: string) => (search ? `${path}?${search}` : path);

  return (
    <ReportFrame
      title="Overview"
      timeZone={initial.timeZone}
      updating={updating}
      error={error}
      retry={retry}
      actions={
        totals.plays > 0 && (
          <ShareButton request={{ kind: "overview", from: shared.fromDate, to: shared.toDate }} what={`the overview of ${rangeLabel(shared, locale)}`} timeZone={initial.timeZone} />
        )
      }
    >
      {totals.plays === 0 ? (
        <EmptyState hasAnyPlays={initial.hasAnyPlays} />
      ) : (
        <>
          <section className="stat-grid stat-grid-six" aria-label="Totals">
            <StatCard testId="total-minutes" label="Minutes listened" value={Math.floor(totals.msListened / 60_000)} display={formatMinutes(totals.msListened, locale)} hint={`${formatHours(totals.msListened, locale)} hours`} />
            <StatCard testId="total-streams" label="Streams" value={totals.streams} display={formatCount(totals.streams, locale)} hint={`of ${formatCount(totals.plays, locale)} plays`} />
            <StatCard testId="total-plays" label="Plays" value={totals.plays} display={formatCount(totals.plays, locale)} hint={report.skipRate === null ? undefined : `${formatPercent(report.skipRate, locale)} skipped`} />
            <StatCard testId="unique-artists" label="Artists" value={totals.uniqueArtists} display={formatCount(totals.uniqueArtists, locale)} hint={`${formatCount(totals.newArtists, locale)} new`} />
            <StatCard testId="unique-tracks" label="Tracks" value={totals.uniqueTracks} display={formatCount(totals.uniqueTracks, locale)} />
            <StatCard testId="unique-albums" label="Albums" value={totals.uniqueAlbums} display={formatCount(totals.uniqueAlbums, locale)} />
          </section>
          <TimelineChart series={report.timelineSeries ?? timelineSeries(report.timeline)} />
          {trending && <TrendingNowCard artists={trending} />}
          <div className="top-grid">
            <section className="card">
              <header className="card-header">
                <h2 className="card-title">Top artists</h2>
                <Link href={seeAll("/dashboard/artists")}>See all</Link>
              </header>
              <RankedList testId="top-artists" label="Top artists" by="streams" items={report.topArtists.map((item) => ({ ...item, href: toArtist(item.id), imageUrl: artistImages[item.id] }))} />
            </section>
            <section className="card">
              <header className="card-header">
                <h2 className="card-title">Top tracks</h2>
                <Link href={seeAll("/dashboard/tracks")}>See all</Link>
              </header>
              <RankedList
                testId="top-tracks"
                label="Top tracks"
                by="streams"
                items={report.topTracks.map((item) => ({
                  ...item,
                  subtitle: item.artists.join(", "),
                  credits: creditLinks(credits[item.id], search),
                  imageUrl: trackImages[item.id],
                }))}
              />
            </section>
            <section className="card">
              <header className="card-header">
                <h2 className="card-title">Top albums</h2>
                <Link href={seeAll("/dashboard/albums")}>See all</Link>
              </header>
              <RankedList testId="top-albums" label="Top albums" by="streams" items={report.topAlbums.map((item) => ({ ...item, imageUrl: albumImages[item.id] }))} />
            </section>
            <section className="card">
              <header className="card-header">
                <h2 className="card-title">Top genres</h2>
                <Link href={seeAll("/dashboard/genres")}>See all</Link>
              </header>
              {report.topGenres.length === 0 ? (
                <WhileDetailsPending needs="genres">
                  <p className="muted">No genres known yet: they arrive over the next collection runs (the Genres page says from where).</p>
                </WhileDetailsPending>
              ) : (
                <RankedList testId="top-genres" label="Top genres" by="streams" showArtwork={false} items={report.topGenres.map((item) => ({ ...item, id: item.name }))} />
              )}
            </section>
          </div>
        </>
      )}
    </ReportFrame>
  );
}
