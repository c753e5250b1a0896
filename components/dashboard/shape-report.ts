import type { Report } from "@/lib/stats/types";
import { streakCalendarOfReport } from "@/components/charts/streak-calendar";
import { timelineSeries } from "@/components/charts/timeline-series";
import type { DashboardReport, TimelineShape } from "@/components/dashboard/report-types";

/** The report as a page with this timeline shape keeps it (server first view and client fetches alike); `now` dates the calendar. */
export function shapeReport(report: Report, shape: TimelineShape, now: Date = new Date()): DashboardReport {
  if (shape === "calendar") return { ...report, timeline: [], streakCalendar: streakCalendarOfReport(report, now) };
  if (shape === "omitted") return { ...report, timeline: [] };
  return { ...report, timeline: [], timelineSeries: timelineSeries(report.timeline) };
}
