/** The year in review's cards, on the user's own page and on a shared link (where nothing links anywhere). */
import { formatCount, formatDays, formatMinutes } from "@/lib/format/numbers";
import { formatDateRange, formatHourOfDay } from "@/lib/format/dates";
import type { YearSummary } from "@/components/wrapped/year-summary";
import { WrappedCard } from "@/components/wrapped/WrappedCard";

export function YearCards({ summary, locale, timeZone }: { summary: YearSummary; locale: string; timeZone: string }) {
  return (
    <div className="wrapped-cards">
      <WrappedCard kicker={`${summary.year} in minutes`} testId="wrapped-minutes" value={Math.floor(summary.msListened / 60_000)}>
        <div className="wrapped-big">{formatMinutes(summary.msListened, locale)}</div>
        <p className="wrapped-sub">minutes of music, over {formatCount(summary.streams, locale)} streams.</p>
      </WrappedCard>
      <WrappedCard kicker="Top artist" testId="wrapped-top-artist" value={summary.topArtist?.name ?? ""}>
        <div className="wrapped-big">{summary.topArtist?.name}</div>
        <p className="wrapped-sub">{formatCount(summary.topArtist?.streams ?? 0, locale)} streams.</p>
      </WrappedCard>
      <WrappedCard kicker="Top song" testId="wrapped-top-track" value={summary.topTrack?.name ?? ""}>
        <div className="wrapped-big">{summary.topTrack?.name}</div>
        <p className="wrapped-sub">
          by {summary.topTrack?.artists.join(", ")} · {formatCount(summary.topTrack?.streams ?? 0, locale)} streams.
        </p>
      </WrappedCard>
      <WrappedCard kicker="Top genre" testId="wrapped-top-genre" value={summary.topGenre?.name ?? ""}>
        <div className="wrapped-big">{summary.topGenre?.name ?? "—"}</div>
        <p className="wrapped-sub">
          {summary.topGenre ? `${formatCount(summary.topGenre.streams, locale)} streams.` : "Spotify has not told us your artists' genres yet."}
        </p>
      </WrappedCard>
      <WrappedCard kicker="Longest streak" testId="wrapped-longest-streak" value={summary.longestStreak.days}>
        <div className="wrapped-big">{formatDays(summary.longestStreak.days, locale)}</div>
        <p className="wrapped-sub">in a row, {formatDateRange(summary.longestStreak.start, summary.longestStreak.end, locale)}.</p>
      </WrappedCard>
      <WrappedCard kicker="New artists" testId="wrapped-new-artists" value={summary.newArtists}>
        <div className="wrapped-big">{formatCount(summary.newArtists, locale)}</div>
        <p className="wrapped-sub">artists streamed for the very first time.</p>
      </WrappedCard>
      <WrappedCard kicker="Busiest hour" testId="wrapped-busiest-hour" value={summary.busiestHour?.hour ?? -1}>
        <div className="wrapped-big">{summary.busiestHour ? formatHourOfDay(summary.busiestHour.hour, locale) : "—"}</div>
        <p className="wrapped-sub">
          {formatCount(summary.busiestHour?.streams ?? 0, locale)} streams in this hour of the day ({timeZone}).
        </p>
      </WrappedCard>
    </div>
  );
}
