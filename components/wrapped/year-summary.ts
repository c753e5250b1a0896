/** The year in review's cards, derived from a report of that year (no statistics of its own). */
import type { Report } from "@/lib/stats/types";

export type YearSummary = {
  year: number;
  msListened: number;
  streams: number;
  topArtist: { id: string; name: string; streams: number } | null;
  topTrack: { id: string; name: string; artists: string[]; streams: number } | null;
  topGenre: { name: string; streams: number } | null;
  longestStreak: { days: number; start: string | null; end: string | null };
  newArtists: number;
  /** Local hour with the most streams over the year; null without streams. */
  busiestHour: { hour: number; streams: number } | null;
};

export function summariseYear(year: number, report: Report): YearSummary {
  const byHour = Array.from({ length: 24 }, (_, hour) => report.heatmap.reduce((sum, day) => sum + (day[hour] ?? 0), 0));
  const busiest = byHour.reduce((best, streams, hour) => (streams > byHour[best] ? hour : best), 0);
  const [artist] = report.topArtists;
  const [track] = report.topTracks;
  const [genre] = report.topGenres;
  return {
    year,
    msListened: report.totals.msListened,
    streams: report.totals.streams,
    topArtist: artist ? { id: artist.id, name: artist.name, streams: artist.streams } : null,
    topTrack: track ? { id: track.id, name: track.name, artists: track.artists, streams: track.streams } : null,
    topGenre: genre ? { name: genre.name, streams: genre.streams } : null,
    longestStreak: report.streaks.longest,
    newArtists: report.totals.newArtists,
    busiestHour: byHour[busiest] > 0 ? { hour: busiest, streams: byHour[busiest] } : null,
  };
}

export const FIRST_YEAR = 1000;
export const LAST_YEAR = 9999;

/** Any four-digit year: one without plays is an empty state, not a missing page (SPEC §6). */
export function parseYearParam(text: string): number | null {
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : null;
}
