"use client";

import { formatDateRange, formatInstant } from "@/lib/format/dates";
import { dateTimeFormat } from "@/lib/format/intl-cache";
import { formatCount, formatDays, formatDuration, formatHours, formatPercent } from "@/lib/format/numbers";
import type { ImageMap } from "@/lib/catalog/images";
import { useLocale } from "@/components/providers/AppProviders";
import { RangePicker } from "@/components/range/RangePicker";
import { StatCard } from "@/components/dashboard/StatCard";
import { RankedList } from "@/components/dashboard/RankedList";
import { useArtwork } from "@/components/dashboard/useArtwork";
import { FollowButton } from "@/components/artists/FollowButton";
import { MonthsChart } from "@/components/artists/MonthsChart";
import { useArtistReport, type InitialArtistReport } from "@/components/artists/useArtistReport";
import styles from "@/components/artists/artists.module.css";

export type InitialArtistPage = InitialArtistReport & { following: boolean; artwork: { tracks: ImageMap; albums: ImageMap } };

/** The local date of an instant, and its local time: a stat card's figure and hint. */
function formatDay(iso: string, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(iso));
}
function formatTime(iso: string, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { timeStyle: "short", timeZone }).format(new Date(iso));
}

function Portrait({ src, name }: { src: string | null; name: string }) {
  if (src) {
    // Spotify's (or the simulator's) image host: a plain <img>, no server-side optimisation proxy.
    // eslint-disable-next-line @next/next/no-img-element
    return <img className={styles.portrait} src={src} alt={`Portrait of ${name}`} width={112} height={112} />;
  }
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return (
    <span className={`${styles.portrait} ${styles.portraitPlaceholder}`} aria-hidden="true" style={{ background: `hsl(${hash % 360} 45% 38%)` }}>
      {[...name][0]?.toUpperCase() ?? "?"}
    </span>
  );
}

/** /dashboard/artists/[id]: one artist in the user's listening (SPEC 5c), with the range picker and a follow button. */
export function ArtistView({ initial }: { initial: InitialArtistPage }) {
  const locale = useLocale();
  const { report, updating, error, retry } = useArtistReport(initial);
  const { artist, totals } = report;
  const trackImages = useArtwork("track", report.topTracks.map((item) => item.id), initial.artwork.tracks, initial.report.topTracks.map((item) => item.id));
  const albumImages = useArtwork("album", report.topAlbums.map((item) => item.id), initial.artwork.albums, initial.report.topAlbums.map((item) => item.id));
  const streak = report.longestStreak;
  return (
    <div className="report-frame" aria-busy={updating}>
      <header className={styles.hero}>
        <Portrait src={artist.imageUrl} name={artist.name} />
        <div className={styles.heroText}>
          <span className={styles.kicker}>Artist</span>
          <h1 className={styles.name} data-testid="artist-name">
            {artist.name}
          </h1>
          {artist.genres.length > 0 ? (
            <ul className={styles.genres} aria-label="Genres">
              {artist.genres.map((genre) => (
                <li key={genre}>{genre}</li>
              ))}
            </ul>
          ) : (
            <span className="muted small">No genres known yet.</span>
          )}
          <div>
            <FollowButton artistId={artist.id} artistName={artist.name} initialFollowing={initial.following} />
          </div>
        </div>
        {updating && (
          <span className="updating muted" role="status">
            Updating…
          </span>
        )}
      </header>
      <RangePicker timeZone={initial.timeZone} />
      {error && !updating && (
        <div className="banner error" role="alert">
          {error.message}{" "}
          <button type="button" className="button small secondary" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      <div className={updating ? "report-body stale" : "report-body"}>
        <section className="stat-grid" aria-label="Totals">
          <StatCard testId="artist-streams" label="Streams" value={totals.streams} display={formatCount(totals.streams, locale)} hint={`${formatCount(totals.uniqueTracks, locale)} tracks`} />
          <StatCard testId="artist-time" label="Time listened" value={totals.msListened} display={formatDuration(totals.msListened, locale)} hint={`${formatHours(totals.msListened, locale)} hours`} />
          <StatCard testId="artist-rank" label="Rank in range" value={totals.rank ?? 0} display={totals.rank === null ? "—" : `#${formatCount(totals.rank, locale)}`} hint="among your artists" />
          <StatCard testId="artist-share" label="Share of streams" value={totals.share ?? 0} display={totals.share === null ? "—" : formatPercent(totals.share, locale)} hint="of all your streams in range" />
          <StatCard
            testId="artist-first"
            label="First listened"
            value={totals.firstStream ? Date.parse(totals.firstStream) : 0}
            display={totals.firstStream ? formatDay(totals.firstStream, locale, initial.timeZone) : "—"}
            hint={totals.firstStream ? `${formatTime(totals.firstStream, locale, initial.timeZone)} · all time` : "all time"}
          />
          <StatCard
            testId="artist-last"
            label="Last listened"
            value={totals.lastStream ? Date.parse(totals.lastStream) : 0}
            display={totals.lastStream ? formatDay(totals.lastStream, locale, initial.timeZone) : "—"}
            hint={totals.lastStream ? `${formatTime(totals.lastStream, locale, initial.timeZone)} · all time` : "all time"}
          />
          <StatCard testId="artist-streak" label="Longest streak" value={streak.days} display={formatDays(streak.days, locale)} hint={streak.start ? formatDateRange(streak.start, streak.end, locale) : "in range"} />
        </section>
        {totals.streams === 0 ? (
          <div className="empty-state" data-testid="empty-state">
            <h2>No streams of {artist.name} in this range</h2>
            <p className="muted">
              {totals.lastStream ? `You last listened on ${formatInstant(totals.lastStream, locale, initial.timeZone)}. ` : "Only short plays (under 30 seconds) so far. "}
              Pick a longer range above, such as All time.
            </p>
          </div>
        ) : (
          <>
            <MonthsChart months={report.months} artistName={artist.name} />
            <div className={styles.twoColumns}>
              <section className="card">
                <h2 className="card-title">Top tracks</h2>
                <RankedList testId="artist-top-tracks" label={`Top tracks of ${artist.name}`} by="streams" items={report.topTracks.map((item) => ({ ...item, imageUrl: trackImages[item.id] }))} />
              </section>
              <section className="card">
                <h2 className="card-title">Top albums</h2>
                {report.topAlbums.length === 0 ? (
                  <p className="muted">No album known for these tracks yet.</p>
                ) : (
                  <RankedList testId="artist-top-albums" label={`Top albums of ${artist.name}`} by="streams" items={report.topAlbums.map((item) => ({ ...item, imageUrl: albumImages[item.id] }))} />
                )}
              </section>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
