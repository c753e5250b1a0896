import type { RankBy, Report } from "@/lib/stats/types";
import type { ReportRequest } from "@/components/range/range-params";
import type { StreakCalendarData } from "@/components/charts/streak-calendar";
import type { TimelineSeries } from "@/components/charts/timeline-series";

/**
 * How much of the report's per-date `timeline` a page's client component gets:
 * - "calendar": none, but what the streaks calendar needs (`streakCalendar`): the dates of its
 *   last 53 weeks, and the range's first listening day, busiest date and number of listening days;
 * - "series": none, but the chart's series (`timelineSeries`), a point per day or month;
 * - "omitted": none (pages that show no timeline).
 * The first view's HTML/RSC payload stays small for long ranges; /api/stats still serves the full report.
 */
export type TimelineShape = "calendar" | "series" | "omitted";

/**
 * The parts of the report that only some pages show. A page names those it shows; the others
 * reach its client component empty (lists `[]`, a streak's artists and completion's albums `[]`):
 * over all time, a ranked page's payload was its own list and five others (29 KB, 4 of them its
 * own), and its artwork and track credits were looked up for all of them.
 */
export type ReportSection = "topArtists" | "topTracks" | "topAlbums" | "topGenres" | "streaks" | "albumCompletion";

/** A report as a dashboard page holds it: the timeline per its TimelineShape, its sections per ReportSection. */
export type DashboardReport = Report & { timelineSeries?: TimelineSeries; streakCalendar?: StreakCalendarData };

/** What a dashboard page's server component hands its client component: the first view's report. */
export type InitialReport = {
  report: DashboardReport;
  request: ReportRequest;
  limit: number;
  timeZone: string;
  timelineShape: TimelineShape;
  /** The sections the page shows (absent: all of them, the overview). */
  sections?: ReportSection[];
  /** Ranked pages: what the lists lead with (the URL's `?by=`); other pages leave it out. */
  rankBy?: RankBy;
  /** Whether the user has any play at all (chooses between "nothing in this range" and "no data yet"). */
  hasAnyPlays: boolean;
};
