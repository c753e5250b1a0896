/**
 * The year in review's cards, in their order. A card whose figure is unknown (no genre known for
 * the year's artists yet, say) is left out rather than shown with a placeholder; the others keep
 * their order.
 */
import { formatDateRange, formatHourOfDay } from "@/lib/format/dates";
import { formatCount, formatDays, formatMinutes } from "@/lib/format/numbers";
import type { YearSummary } from "@/components/wrapped/year-summary";

export type YearCard = {
  kicker: string;
  testId: string;
  value: string | number;
  big: string;
  sub: string;
  /** The top artist's card: its big name is that artist. */
  artistId?: string;
  /** The top song's card: `sub` is "by <credits> · <afterCredits>" when the credits are shown as links. */
  track?: { id: string; afterCredits: string };
};

export function yearCards(summary: YearSummary, locale: string, timeZone: string): YearCard[] {
  const { topArtist, topTrack, topGenre, busiestHour, longestStreak } = summary;
  const cards: (YearCard | null)[] = [
    {
      kicker: `${summary.year} in minutes`,
      testId: "wrapped-minutes",
      value: Math.floor(summary.msListened / 60_000),
      big: formatMinutes(summary.msListened, locale),
      sub: `minutes of music, over ${formatCount(summary.streams, locale)} streams.`,
    },
    topArtist && {
      kicker: "Your top artist",
      testId: "wrapped-top-artist",
      value: topArtist.name,
      big: topArtist.name,
      sub: `${formatCount(topArtist.streams, locale)} streams.`,
      artistId: topArtist.id,
    },
    topTrack && {
      kicker: "Your top song",
      testId: "wrapped-top-track",
      value: topTrack.name,
      big: topTrack.name,
      sub: `by ${topTrack.artists.join(", ")} · ${formatCount(topTrack.streams, locale)} streams.`,
      track: { id: topTrack.id, afterCredits: `${formatCount(topTrack.streams, locale)} streams.` },
    },
    topGenre && { kicker: "Your top genre", testId: "wrapped-top-genre", value: topGenre.name, big: topGenre.name, sub: `${formatCount(topGenre.streams, locale)} streams.` },
    longestStreak.days > 0
      ? {
          kicker: "Your longest streak",
          testId: "wrapped-longest-streak",
          value: longestStreak.days,
          big: formatDays(longestStreak.days, locale),
          sub: `in a row, ${formatDateRange(longestStreak.start, longestStreak.end, locale)}.`,
        }
      : null,
    {
      kicker: "New artists",
      testId: "wrapped-new-artists",
      value: summary.newArtists,
      big: formatCount(summary.newArtists, locale),
      sub: `${summary.newArtists === 1 ? "artist" : "artists"} you streamed for the very first time.`,
    },
    busiestHour && {
      kicker: "Your busiest hour",
      testId: "wrapped-busiest-hour",
      value: busiestHour.hour,
      big: formatHourOfDay(busiestHour.hour, locale),
      sub: `${formatCount(busiestHour.streams, locale)} streams in this hour of the day (${timeZone}).`,
    },
  ];
  return cards.filter((card): card is YearCard => card !== null);
}
