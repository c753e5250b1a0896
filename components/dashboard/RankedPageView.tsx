"use client";

import type { Report } from "@/lib/stats/types";
import type { TrackCredits } from "@/lib/catalog/track-credits";
import type { InitialReport } from "@/components/dashboard/report-types";
import type { ReportArtwork } from "@/lib/catalog/report-artwork";
import { useDashboardReport } from "@/components/dashboard/useDashboardReport";
import { useArtwork } from "@/components/dashboard/useArtwork";
import { ReportFrame } from "@/components/dashboard/ReportFrame";
import { EmptyState } from "@/components/dashboard/EmptyState";
import { RankedList, type RankedItem } from "@/components/dashboard/RankedList";
import { RankByToggle, useRankBy } from "@/components/dashboard/RankByToggle";
import { useTrackCredits } from "@/components/dashboard/useTrackCredits";
import { artistHref, creditLinks } from "@/components/dashboard/artist-links";
import { rangeSearch } from "@/components/range/range-params";
import { useSearchParams } from "next/navigation";
import { WhileDetailsPending } from "@/components/collection/PendingNotices";

export type RankedKind = "artists" | "tracks" | "albums" | "genres";

const TITLES: Record<RankedKind, string> = { artists: "Top artists", tracks: "Top tracks", albums: "Top albums", genres: "Top genres" };

function itemsOf(kind: RankedKind, report: Report, links: { search: string; credits: TrackCredits }): RankedItem[] {
  const href = (id: string) => artistHref(id, links.search);
  switch (kind) {
    case "artists":
      return report.topArtists.map((artist) => ({ ...artist, href: href(artist.id) }));
    case "albums":
      return report.topAlbums;
    case "tracks":
      return report.topTracks.map((track) => ({ ...track, subtitle: track.artists.join(", "), credits: creditLinks(links.credits[track.id], links.search) }));
    case "genres":
      return report.topGenres.map((genre) => ({ ...genre, id: genre.name }));
  }
}

const IMAGE_KIND = { artists: "artist", albums: "album", tracks: "track" } as const;

/** `footnote`: shown under the list or the empty state (the genres page says where genres come from). */
export function RankedPageView({ kind, initial, artwork, footnote }: { kind: RankedKind; initial: InitialReport; artwork: ReportArtwork; footnote?: React.ReactNode }) {
  const by = useRankBy();
  // The report ranks by time itself when asked: the whole range's top, not a re-sorted top by streams.
  const { report, updating, error, retry } = useDashboardReport(initial, by);
  const search = rangeSearch(useSearchParams());
  const credits = useTrackCredits(kind === "tracks" ? report.topTracks.map((track) => track.id) : [], artwork.credits);
  const items = itemsOf(kind, report, { search, credits });
  const imageKind = kind === "genres" ? "artist" : IMAGE_KIND[kind];
  const images = useArtwork(imageKind, kind === "genres" ? [] : items.map((item) => item.id), kind === "genres" ? {} : artwork[kind], kind === "genres" ? [] : artwork.ids[kind]);
  return (
    <ReportFrame title={TITLES[kind]} timeZone={initial.timeZone} updating={updating} error={error} retry={retry}>
      {items.length === 0 ? (
        report.totals.plays > 0 && kind === "genres" ? (
          <WhileDetailsPending needs="genres" variant="page">
            <div className="empty-state" data-testid="empty-state">
              <h2>No genres known yet</h2>
              <p className="muted">Your artists&apos; genres arrive over the next collection runs, as Encore finds them.</p>
            </div>
          </WhileDetailsPending>
        ) : (
          <EmptyState hasAnyPlays={initial.hasAnyPlays} />
        )
      ) : (
        <section className="card">
          <header className="card-header">
            <h2 className="card-title">
              {items.length} {kind} {by === "time" ? "by time listened" : "by streams"}
            </h2>
            <RankByToggle />
          </header>
          <RankedList testId={`ranked-${kind}`} label={TITLES[kind]} by={by} showArtwork={kind !== "genres"} items={items.map((item) => ({ ...item, imageUrl: images[item.id] }))} />
        </section>
      )}
      {footnote}
    </ReportFrame>
  );
}
