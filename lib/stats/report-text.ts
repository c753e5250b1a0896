/** The report as plain text, the kind a person pastes into a chat (`npm run report` without --json). */
import type { Report } from "@/lib/stats/types";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
}

function streak(days: number, start: string | null, end: string | null): string {
  if (days === 0) return "none";
  return `${days} day${days === 1 ? "" : "s"} (${start} to ${end})`;
}

function ranked<T>(title: string, items: T[], line: (item: T) => string): string[] {
  if (items.length === 0) return [`${title}: none`];
  return [`${title}:`, ...items.map((item, index) => `  ${index + 1}. ${line(item)}`)];
}

export function formatReport(report: Report): string {
  const { totals } = report;
  const who = report.user.displayName ? `${report.user.displayName} (${report.user.spotifyId})` : report.user.spotifyId;
  const range = `${report.range.from ?? "the beginning"} to ${report.range.to ?? "now"}`;
  const plays = (streams: number, ms: number) => `${streams} stream${streams === 1 ? "" : "s"}, ${formatDuration(ms)}`;
  const busiest = report.heatmap
    .flatMap((hours, day) => hours.map((streams, hour) => ({ streams, day, hour })))
    .sort((a, b) => b.streams - a.streams || a.day - b.day || a.hour - b.hour)[0];
  const lines = [
    `Listening report for ${who}`,
    `Range: ${range} (time zone ${report.user.timeZone})`,
    "",
    `${totals.plays} plays, ${totals.streams} streams, ${formatDuration(totals.msListened)} listened`,
    `${totals.uniqueTracks} tracks, ${totals.uniqueArtists} artists, ${totals.uniqueAlbums} albums; ${totals.newArtists} new artists`,
    "",
    ...ranked("Top artists", report.topArtists, (a) => `${a.name} (${plays(a.streams, a.msListened)})`),
    ...ranked("Top tracks", report.topTracks, (t) => `${t.name} by ${t.artists.join(", ") || "unknown"} (${plays(t.streams, t.msListened)})`),
    ...ranked("Top albums", report.topAlbums, (a) => `${a.name} (${plays(a.streams, a.msListened)})`),
    ...ranked("Top genres", report.topGenres, (g) => `${g.name} (${plays(g.streams, g.msListened)})`),
    "",
    `Longest streak: ${streak(report.streaks.longest.days, report.streaks.longest.start, report.streaks.longest.end)}`,
    `Current streak: ${streak(report.streaks.current.days, report.streaks.current.start, report.streaks.current.end)}`,
    ...ranked("Artist streaks", report.streaks.artists, (a) => `${a.name}: ${streak(a.days, a.start, a.end)}`),
    "",
    report.albumCompletion.meanCompletion === null
      ? "Album completion: no albums with a known track count"
      : `Album completion: ${report.albumCompletion.completedAlbums} complete, mean ${(report.albumCompletion.meanCompletion * 100).toFixed(1)}%`,
    ...report.albumCompletion.albums.map((a) => `  ${a.name}: ${a.distinctTracks}/${a.totalTracks} tracks (${(a.completion * 100).toFixed(0)}%)`),
    report.sessions.longest
      ? `Sessions: ${report.sessions.count}, ${report.sessions.meanPlays?.toFixed(1)} plays and ${formatDuration(report.sessions.meanMs ?? 0)} on average; longest ${formatDuration(report.sessions.longest.ms)} (${report.sessions.longest.plays} plays from ${report.sessions.longest.start})`
      : "Sessions: none",
    busiest && busiest.streams > 0 ? `Busiest hour: ${WEEKDAYS[busiest.day]} ${String(busiest.hour).padStart(2, "0")}:00 (${busiest.streams} streams)` : "Busiest hour: none",
    `Skip rate: ${report.skipRate === null ? "unknown (no play durations)" : `${(report.skipRate * 100).toFixed(1)}%`}`,
    `Days with plays: ${report.timeline.length}`,
  ];
  return lines.join("\n");
}
