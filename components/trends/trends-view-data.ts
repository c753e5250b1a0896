/**
 * What the trends page sends its client component: the page's data without the 365 scored days
 * (most of its size), which the timeline scores again in the browser from the daily series with
 * the same code; the year's unusual days, for what the server renders of the timeline (its
 * marks and its table), are picked here.
 */
import type { TrendsPage } from "@/lib/stats/trends";
import type { UnusualDay } from "@/lib/stats/trend-types";

export type TrendsViewData = Omit<TrendsPage, "days"> & {
  /** Every unusual day of the last year (not only the listed ones), by date. */
  unusualOfYear: UnusualDay[];
};

export function trendsViewData(page: TrendsPage): TrendsViewData {
  const { days, ...rest } = page;
  const unusualOfYear = days
    .filter((day) => day.unusual)
    .map((day) => ({ date: day.date, minutes: day.minutes, baselineMedian: day.baselineMedian!, z: day.z! }));
  return { ...rest, unusualOfYear };
}
