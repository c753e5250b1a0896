import type { Report } from "@/lib/stats/types";
import { timelineSeries } from "@/components/charts/timeline-series";
import type { DashboardReport, TimelineShape } from "@/components/dashboard/report-types";

/** The report as a page with this timeline shape keeps it (server first view and client fetches alike). */
export function shapeReport(report: Report, shape: TimelineShape): DashboardReport {
  if (shape === "full") return report;
  if (shape === "omitted") return { ...report, timeline: [] };
  return { ...report, timeline: [], timelineSeries: timelineSeries(report.timeline) };
}
