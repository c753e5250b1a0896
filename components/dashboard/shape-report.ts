import type { Report } from "@/lib/stats/types";
import { streakCalendarOfReport } from "@/components/charts/streak-calendar";
import { timelineSeries } from "@/components/charts/timeline-series";
import type { DashboardReport, ReportSection, TimelineShape } from "@/components/dashboard/report-types";

/**
 * The report as a page with this timeline shape and these sections keeps it (server first view
 * and client fetches alike); `now` dates the calendar.
 */
export function shapeReport(report: Report, shape: TimelineShape, sections?: ReportSection[], now: Date = new Date()): DashboardReport {
  const kept = keepSections(report, sections);
  if (shape === "calendar") return { ...kept, timeline: [], streakCalendar: streakCalendarOfReport(report, now) };
  if (shape === "omitted") return { ...kept, timeline: [] };
  return { ...kept, timeline: [], timelineSeries: timelineSeries(report.timeline) };
}

/** The report with the sections outside `sections` empty (all kept without `sections`). */
function keepSections(report: Report, sections: ReportSection[] | undefined): Report {
  if (!sections) return report;
  const keeps = (section: ReportSection) => sections.includes(section);
  return {
    ...report,
    topArtists: keeps("topArtists") ? report.topArtists : [],
    topTracks: keeps("topTracks") ? report.topTracks : [],
    topAlbums: keeps("topAlbums") ? report.topAlbums : [],
    topGenres: keeps("topGenres") ? report.topGenres : [],
    streaks: keeps("streaks") ? report.streaks : { ...report.streaks, artists: [] },
    albumCompletion: keeps("albumCompletion") ? report.albumCompletion : { ...report.albumCompletion, albums: [] },
  };
}
