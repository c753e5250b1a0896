/**
 * Splits a local-date range into the coarsest rollup buckets that tile it exactly:
 * days up to the first month start, months up to the first year start, whole years, then back
 * down; all time is one row per track.
 */
import type { LocalDate } from "@/lib/stats/types";

export type Grain = "d" | "m" | "y" | "a";
/** Buckets of one grain whose start date lies in [from, to); null = unbounded. */
export type BucketSpan = { grain: Grain; from: LocalDate | null; to: LocalDate | null };

function monthStartOnOrAfter(date: LocalDate): LocalDate {
  if (date.endsWith("-01")) return date;
  const [year, month] = date.split("-").map(Number);
  return month === 12 ? `${pad(year + 1)}-01-01` : `${pad(year)}-${String(month + 1).padStart(2, "0")}-01`;
}

function yearStartOnOrAfter(date: LocalDate): LocalDate {
  return date.endsWith("-01-01") ? date : `${pad(Number(date.slice(0, 4)) + 1)}-01-01`;
}

function pad(year: number): string {
  return String(year).padStart(4, "0");
}

/** a < b where null on the left is -infinity and null on the right is +infinity. */
function before(a: LocalDate | null, b: LocalDate | null): boolean {
  return a === null || b === null || a < b;
}

export function bucketSpans(from: LocalDate | null, to: LocalDate | null): BucketSpan[] {
  if (from !== null && to !== null && from >= to) return [];
  if (from === null && to === null) return [{ grain: "a", from: null, to: null }];
  const firstMonth = from === null ? null : monthStartOnOrAfter(from);
  const lastMonth = to === null ? null : `${to.slice(0, 7)}-01`;
  if (!before(firstMonth, lastMonth)) return [{ grain: "d", from, to }];
  const spans: BucketSpan[] = [];
  if (from !== null && firstMonth !== from) spans.push({ grain: "d", from, to: firstMonth });
  const firstYear = firstMonth === null ? null : yearStartOnOrAfter(firstMonth);
  const lastYear = lastMonth === null ? null : `${lastMonth.slice(0, 4)}-01-01`;
  if (before(firstYear, lastYear)) {
    if (firstMonth !== null && firstYear !== firstMonth) spans.push({ grain: "m", from: firstMonth, to: firstYear });
    spans.push({ grain: "y", from: firstYear, to: lastYear });
    if (lastMonth !== null && lastYear !== lastMonth) spans.push({ grain: "m", from: lastYear, to: lastMonth });
  } else {
    spans.push({ grain: "m", from: firstMonth, to: lastMonth });
  }
  if (to !== null && lastMonth !== to) spans.push({ grain: "d", from: lastMonth, to });
  return spans;
}

/**
 * Tiles a local-date range with day and month buckets only (per-month figures): days up to the
 * first month start, whole months, then days of the last, partial month.
 */
export function monthSpans(from: LocalDate | null, to: LocalDate | null): BucketSpan[] {
  if (from !== null && to !== null && from >= to) return [];
  const firstMonth = from === null ? null : monthStartOnOrAfter(from);
  const lastMonth = to === null ? null : `${to.slice(0, 7)}-01`;
  if (!before(firstMonth, lastMonth)) return [{ grain: "d", from, to }];
  const spans: BucketSpan[] = [];
  if (from !== null && firstMonth !== from) spans.push({ grain: "d", from, to: firstMonth });
  spans.push({ grain: "m", from: firstMonth, to: lastMonth });
  if (to !== null && lastMonth !== to) spans.push({ grain: "d", from: lastMonth, to });
  return spans;
}
