import type { Report } from "@/lib/stats/types";
import type { ReportRequest } from "@/components/range/range-params";

/** What a dashboard page's server component hands its client component: the first view's report. */
export type InitialReport = {
  report: Report;
  request: ReportRequest;
  limit: number;
  timeZone: string;
  /** Whether the user has any play at all (chooses between "nothing in this range" and "no data yet"). */
  hasAnyPlays: boolean;
};
