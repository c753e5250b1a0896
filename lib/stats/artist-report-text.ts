/** The artist report as plain text (`npm run report -- --artist ID` without --json). */
import type { ArtistReport } from "@/lib/stats/artistReport";
import { formatDuration } from "@/lib/stats/report-text";

export function formatArtistReport(report: ArtistReport): string {
  const { artist, totals } = report;
  const who = report.user.displayName ? `${report.user.displayName} (${report.user.spotifyId})` : report.user.spotifyId;
  const plays = (streams: number, ms: number) => `${streams} stream${streams === 1 ? "" : "s"}, ${formatDuration(ms)}`;
  const ranked = (title: string, items: { name: string; streams: number; msListened: number }[]) =>
    items.length === 0 ? [`${title}: none`] : [`${title}:`, ...items.map((item, index) => `  ${index + 1}. ${item.name} (${plays(item.streams, item.msListened)})`)];
  const streak = report.longestStreak;
  return [
    `${artist.name} (${artist.id}) in the listening of ${who}`,
    `Range: ${report.range.from ?? "the beginning"} to ${report.range.to ?? "now"} (time zone ${report.user.timeZone})`,
    artist.genres.length ? `Genres: ${artist.genres.join(", ")}` : "Genres: none known",
    "",
    `${plays(totals.streams, totals.msListened)} over ${totals.uniqueTracks} track${totals.uniqueTracks === 1 ? "" : "s"}`,
    totals.rank === null ? "Rank: no streams in this range" : `Rank ${totals.rank} among the range's artists, ${((totals.share ?? 0) * 100).toFixed(1)} % of its streams`,
    `First stream ${totals.firstStream ?? "never"}, last stream ${totals.lastStream ?? "never"} (all time)`,
    `Longest streak: ${streak.days === 0 ? "none" : `${streak.days} day${streak.days === 1 ? "" : "s"} (${streak.start} to ${streak.end})`}`,
    "",
    ...ranked("Top tracks", report.topTracks),
    ...ranked("Top albums", report.topAlbums),
    ...(report.months.length ? ["Months:", ...report.months.map((month) => `  ${month.month}: ${plays(month.streams, month.msListened)}`)] : ["Months: none"]),
  ].join("\n");
}
