/**
 * The scoring of unusual days (SPEC 5c), pure and shared by the server (the trends report) and
 * the browser (the trends page's timeline scores the daily series it is sent, with this same
 * code, so its tooltips say exactly what the report says). For each local date d whose 28
 * preceding dates all lie on or after the local date of the user's first play: x(d) = minutes of
 * streams on d, m = the median of x over d-28..d-1 (dates without streams count as 0), MAD = the
 * median of |x - m| over the same dates, s = max(1.4826 MAD, 10), z = (x(d) - m) / s; listed
 * when z >= 3.5, by z desc, date. Computed on whole milliseconds doubled (a median of an even
 * count is a half-integer), so m, MAD and x - m are exact and the floor case (s = 10) is decided exactly.
 */
import { addDays } from "@/lib/stats/local-time";
import type { UnusualDay } from "@/lib/stats/trend-types";
import type { LocalDate } from "@/lib/stats/types";

export const Z_THRESHOLD = 3.5;
export const SCALE_FLOOR_MINUTES = 10;
export const MAD_SCALE = 1.4826;
export const MEDIAN_WINDOW_DAYS = 28;
const MS_PER_MINUTE = 60_000;

/** One date of the last year: its minutes, and when it can be scored, the usual amount and z. */
export type DayScore = {
  date: LocalDate;
  minutes: number;
  /** m of the 28 dates before; null when they are not all on or after the first play's date. */
  baselineMedian: number | null;
  z: number | null;
  unusual: boolean;
  /** The scale s was the floor of 10 minutes (the 28 dates before were too regular to say more). */
  floored: boolean;
};

/**
 * Milliseconds of streams per local date, one number per date from `from` on (dates without
 * streams are 0): the scored dates and the 28 before the first of them.
 */
export type DailySeries = { from: LocalDate; ms: number[] };

function middleSum(sorted: number[]): number {
  const half = sorted.length / 2;
  return sorted[half - 1] + sorted[half];
}

/** Scores `xMs` (ms of streams on d) against the ms of the 28 dates before it. */
export function scoreDay(xMs: number, windowMs: number[]): Pick<DayScore, "baselineMedian" | "z" | "unusual" | "floored"> {
  const median2 = middleSum([...windowMs].sort((a, b) => a - b)); // 2m, in ms
  const mad4 = middleSum(windowMs.map((value) => Math.abs(2 * value - median2)).sort((a, b) => a - b)); // 4 MAD, in ms
  const scaled = MAD_SCALE * (mad4 / 4 / MS_PER_MINUTE);
  const floored = scaled <= SCALE_FLOOR_MINUTES;
  const s = floored ? SCALE_FLOOR_MINUTES : scaled;
  const difference2 = 2 * xMs - median2; // 2 (x - m), in ms
  const z = difference2 / (2 * MS_PER_MINUTE) / s;
  // With the floor, z >= 3.5 <=> 2 (x - m) >= 2 * 3.5 * 10 minutes, all in whole ms.
  const unusual = floored ? difference2 >= 2 * Z_THRESHOLD * SCALE_FLOOR_MINUTES * MS_PER_MINUTE : z >= Z_THRESHOLD;
  return { baselineMedian: median2 / (2 * MS_PER_MINUTE), z, unusual, floored };
}

/** The series of the window's dates and the 28 before them, from the ms of streams per date (absent dates: 0). */
export function dailySeries(msByDate: Map<LocalDate, number>, scored: { from: LocalDate; to: LocalDate }): DailySeries {
  const from = addDays(scored.from, -MEDIAN_WINDOW_DAYS);
  const count = Math.round((Date.parse(`${scored.to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  return { from, ms: consecutiveDates(from, count).map((date) => msByDate.get(date) ?? 0) };
}

const DAY_MS = 86_400_000;

/** `count` consecutive local dates from `from` (calendar arithmetic on UTC midnights). */
function consecutiveDates(from: LocalDate, count: number): LocalDate[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => new Date(start + index * DAY_MS).toISOString().slice(0, 10));
}

/** Scores every date of the series after its first 28. */
export function scoreSeries(series: DailySeries, firstPlayDate: LocalDate | null): DayScore[] {
  const { ms } = series;
  const dates = consecutiveDates(series.from, ms.length);
  const days: DayScore[] = [];
  for (let index = MEDIAN_WINDOW_DAYS; index < ms.length; index++) {
    const day: DayScore = { date: dates[index], minutes: ms[index] / MS_PER_MINUTE, baselineMedian: null, z: null, unusual: false, floored: false };
    // d - 28 (the window's first date) on or after the first play's date.
    if (firstPlayDate !== null && dates[index - MEDIAN_WINDOW_DAYS] >= firstPlayDate) {
      Object.assign(day, scoreDay(ms[index], ms.slice(index - MEDIAN_WINDOW_DAYS, index)));
    }
    days.push(day);
  }
  return days;
}

/** Scores every date of the window from the ms of streams per date (absent dates: 0). */
export function scoreDays(msByDate: Map<LocalDate, number>, firstPlayDate: LocalDate | null, scored: { from: LocalDate; to: LocalDate }): DayScore[] {
  return scoreSeries(dailySeries(msByDate, scored), firstPlayDate);
}

/** The listed unusual days: z desc, then date, cut at `limit`. */
export function unusualDaysOf(days: DayScore[], limit: number): UnusualDay[] {
  return days
    .filter((day) => day.unusual)
    .sort((a, b) => b.z! - a.z! || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .slice(0, limit)
    .map((day) => ({ date: day.date, minutes: day.minutes, baselineMedian: day.baselineMedian!, z: day.z! }));
}
