/**
 * One plain sentence per trends item saying why it is listed (SPEC 5c's definitions in words).
 * The baseline is 24 weeks, six times the recent four: "per four weeks" compares like with like.
 */
import { formatDecimal, formatCount } from "@/lib/format/numbers";
import { formatLocalDate } from "@/lib/format/dates";
import type { Rediscovery, TrendItem } from "@/lib/stats/trend-types";
import type { DayScore } from "@/lib/stats/unusualDays";

const streams = (count: number, locale: string) => `${formatCount(count, locale)} ${count === 1 ? "stream" : "streams"}`;

/** The baseline as streams per four weeks ("about 2.5"). */
function perFourWeeks(baseline: number, locale: string): string {
  const mean = baseline / 6;
  return baseline === 0 ? "none" : `${Number.isInteger(mean) ? "" : "about "}${formatDecimal(mean, locale)} per four weeks`;
}

export function risingSentence(item: TrendItem, locale: string): string {
  return item.baseline === 0
    ? `${streams(item.recent, locale)} in the last four weeks, and none in the 24 weeks before.`
    : `${streams(item.recent, locale)} in the last four weeks, against ${perFourWeeks(item.baseline, locale)} in the 24 weeks before.`;
}

export function fadingSentence(item: TrendItem, locale: string): string {
  return `${item.recent === 0 ? "No streams" : streams(item.recent, locale)} in the last four weeks, after ${perFourWeeks(item.baseline, locale)} in the 24 weeks before.`;
}

/** "14 months", "2 years and 3 months": how long an artist was away, in plain words. */
export function formatGap(days: number): string {
  const months = Math.round(days / 30.4375);
  if (months < 24) return `${months} months`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? `${years} years` : `${years} years and ${rest} ${rest === 1 ? "month" : "months"}`;
}

export function rediscoverySentence(item: Rediscovery, locale: string): string {
  return `Back after ${formatGap(item.gapDays)}: last played on ${formatLocalDate(item.lastBefore, locale)}, ${streams(item.recent, locale)} in the last four weeks.`;
}

/** Minutes as "1 h 35 min" or "35 min" (rounded to the minute). */
export function formatMinutesSpoken(minutes: number, locale: string): string {
  const whole = Math.round(minutes);
  if (whole < 60) return `${formatCount(whole, locale)} min`;
  const rest = whole % 60;
  return rest === 0 ? `${formatCount(Math.floor(whole / 60), locale)} h` : `${formatCount(Math.floor(whole / 60), locale)} h ${rest} min`;
}

/** Why a scored day stands out (or not): the minutes against the usual amount and the usual day-to-day spread. */
export function unusualDaySentence(day: Pick<DayScore, "minutes" | "baselineMedian" | "z">, locale: string): string {
  if (day.baselineMedian === null || day.z === null) return `${formatMinutesSpoken(day.minutes, locale)} of listening.`;
  const above = day.minutes - day.baselineMedian;
  const spread = day.z === 0 ? null : above / day.z; // s, the usual day-to-day variation (at least 10 minutes)
  const usual = `a usual ${formatMinutesSpoken(day.baselineMedian, locale)} a day over the four weeks before`;
  if (spread === null || above <= 0) return `${formatMinutesSpoken(day.minutes, locale)} of listening, against ${usual}.`;
  return `${formatMinutesSpoken(day.minutes, locale)} of listening, against ${usual}: ${formatMinutesSpoken(above, locale)} more, where your days usually vary by about ${formatMinutesSpoken(spread, locale)}.`;
}
