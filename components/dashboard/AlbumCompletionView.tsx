"use client";

import { formatCount, formatPercent } from "@/lib/format/numbers";
import { useLocale } from "@/components/providers/AppProviders";
import type { InitialReport } from "@/components/dashboard/report-types";
import type { ReportArtwork } from "@/lib/catalog/report-artwork";
import { useDashboardReport } from "@/components/dashboard/useDashboardReport";
import { useArtwork } from "@/components/dashboard/useArtwork";
import { ReportFrame } from "@/components/dashboard/ReportFrame";
import { StatCard } from "@/components/dashboard/StatCard";
import { EmptyState } from "@/components/dashboard/EmptyState";
import { Artwork } from "@/components/dashboard/Artwork";
import { Name } from "@/components/dashboard/Name";
import { WhileDetailsPending } from "@/components/collection/PendingNotices";

export function AlbumCompletionView({ initial, artwork }: { initial: InitialReport; artwork: ReportArtwork }) {
  const locale = useLocale();
  const { report, updating, error, retry } = useDashboardReport(initial);
  const { completedAlbums, meanCompletion, albums } = report.albumCompletion;
  const images = useArtwork("album", albums.map((album) => album.id), artwork.albums, artwork.ids.albums);
  return (
    <ReportFrame title="Album completion" timeZone={initial.timeZone} updating={updating} error={error} retry={retry}>
      {report.totals.plays === 0 ? (
        <EmptyState hasAnyPlays={initial.hasAnyPlays} />
      ) : (
        <>
          <section className="stat-grid" aria-label="Album completion">
            <StatCard testId="completed-albums" label="Completed albums" value={completedAlbums} display={formatCount(completedAlbums, locale)} hint="every track streamed in this range" />
            <StatCard testId="mean-completion" label="Average completion" value={meanCompletion ?? -1} display={meanCompletion === null ? "—" : formatPercent(meanCompletion, locale, 0)} />
          </section>
          {albums.length === 0 ? (
            <WhileDetailsPending needs="trackCounts" variant="page">
              <div className="empty-state" data-testid="empty-state">
                <h2>No album track counts known yet</h2>
                <p className="muted">Encore learns how many tracks an album has from Spotify; imported plays are enriched over the next collection runs.</p>
              </div>
            </WhileDetailsPending>
          ) : (
            <section className="card">
              <h2 className="card-title">Albums by completion</h2>
              <ol className="completion-list" data-testid="album-completion" aria-label="Albums by completion">
                {albums.map((album) => (
                  <li key={album.id} className="completion-item" data-id={album.id} data-completion={album.completion}>
                    <Artwork src={images[album.id] ?? null} name={album.name} />
                    <div className="completion-text">
                      <div className="completion-title">
                        <Name className="ranked-name">{album.name}</Name>
                        {album.completion >= 1 && <span className="badge">Completed</span>}
                      </div>
                      <div
                        className="progress"
                        role="progressbar"
                        aria-valuemin={0}
                        aria-valuemax={album.totalTracks}
                        aria-valuenow={Math.min(album.distinctTracks, album.totalTracks)}
                        aria-label={`${album.name}: ${album.distinctTracks} of ${album.totalTracks} tracks`}
                      >
                        <span style={{ width: `${album.completion * 100}%` }} />
                      </div>
                      <span className="muted small">
                        {formatCount(album.distinctTracks, locale)} of {formatCount(album.totalTracks, locale)} tracks · {formatPercent(album.completion, locale, 0)} ·{" "}
                        {formatCount(album.streams, locale)} streams
                      </span>
                    </div>
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      )}
    </ReportFrame>
  );
}
