/**
 * What the timeline chart draws: daily points for up to three months of dates, else sums by
 * month. Computed on the server for a page's first view, so a long range ships ~12 points a
 * year instead of one per day (the report's `timeline` of the API stays per local date).
 */
import type { TimelineEntry } from "@/lib/stats/types";

export const DAILY_POINTS_MAX = 92;

export type TimelineSeries = {
  grain: "day" | "month";
  /** `YYYY-MM-DD` for days, `YYYY-MM` for months, ascending. */
  points: { key: string; streams: number; msListened: number }[];
};

export function timelineSeries(timeline: readonly TimelineEntry[]): TimelineSeries {
  if (timeline.length <= DAILY_POINTS_MAX) {
    return { grain: "day", points: timeline.map((entry) => ({ key: entry.date, streams: entry.streams, msListened: entry.msListened })) };
  }
  const months = new Map<string, { key: string; streams: number; msListened: number }>();
  for (const entry of timeline) {
    const key = entry.date.slice(0, 7);
    const sum = months.get(key);
    if (sum) {
      sum.streams += entry.streams;
      sum.msListened += entry.msListened;
    } else months.set(key, { key, streams: entry.streams, msListened: entry.msListened });
  }
  return { grain: "month", points: [...months.values()] };
}
