/**
 * The streaks page's calendar of listening days, as data: what it needs of a range's timeline
 * (StreakCalendarData, computed on the server for the first view, so a ten-year range ships a
 * year of dates instead of ten), and how it lays those out (calendarLayout).
 */
import { addDays, localDateOf } from "@/lib/stats/local-time";
import type { Report, TimelineEntry } from "@/lib/stats/types";

/** The calendar shows at most this many weeks, ending on its last date. */
export const CALENDAR_WEEKS = 53;
/** Dates kept before the calendar's last date: its weeks, back to a Monday, and a day either side for a clock that moved on. */
const DAYS_KEPT_BEFORE = CALENDAR_WEEKS * 7 - 1 + 6 + 1;

export type StreakCalendarData = {
  /** The range's dates with a play near the end of the calendar (or all of them), ascending. */
  days: { date: string; streams: number }[];
  /** The range's first date with a stream. */
  firstListened: string | null;
  /** The most streams on one date of the range. */
  maxStreams: number;
  /** The range's dates with at least one stream. */
  listeningDays: number;
};

export type CalendarDay = { date: string; streams: number; level: 0 | 1 | 2 | 3 | 4 };

export type CalendarLayout = {
  first: string;
  /** Dates from `first` to the last date. */
  total: number;
  /** Dates of the calendar with a stream. */
  listeningDays: number;
  /** Monday first; the last week ends on the last date. */
  weeks: CalendarDay[][];
};

/** The calendar's last date: the range's last date, or today for ranges that end later (or never). */
export function calendarLastDate(rangeLastDate: string | null, today: string): string {
  return rangeLastDate && rangeLastDate < today ? rangeLastDate : today;
}

/** The calendar's data for the range's whole timeline; with `through`, only the dates a calendar ending then (± a day) shows. */
export function streakCalendarData(timeline: readonly TimelineEntry[], through?: string): StreakCalendarData {
  const listened = timeline.filter((entry) => entry.streams > 0);
  const from = through === undefined ? null : addDays(through, -DAYS_KEPT_BEFORE);
  const to = through === undefined ? null : addDays(through, 1);
  return {
    days: timeline
      .filter((entry) => (from === null || entry.date >= from) && (to === null || entry.date <= to))
      .map((entry) => ({ date: entry.date, streams: entry.streams })),
    firstListened: listened[0]?.date ?? null,
    maxStreams: listened.reduce((max, entry) => Math.max(max, entry.streams), 0),
    listeningDays: listened.length,
  };
}

/** The calendar's data for a report, trimmed to the calendar that its range shows at `now`. */
export function streakCalendarOfReport(report: Report, now: Date): StreakCalendarData {
  const timeZone = report.user.timeZone;
  const rangeLastDate = report.range.to ? localDateOf(new Date(Date.parse(report.range.to) - 1), timeZone) : null;
  return streakCalendarData(report.timeline, calendarLastDate(rangeLastDate, localDateOf(now, timeZone)));
}

function isoWeekday(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7; // Monday = 0
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Like a contribution graph: one column per week (Monday on top), at most the last
 * CALENDAR_WEEKS weeks up to `lastDate`, from the week of the first listening day; shaded by
 * streams relative to the range's busiest date.
 */
export function calendarLayout(data: StreakCalendarData, lastDate: string): CalendarLayout {
  const streamsByDate = new Map(data.days.map((day) => [day.date, day.streams]));
  const firstListened = data.firstListened ?? lastDate;
  const earliest = addDays(lastDate, -(CALENDAR_WEEKS * 7 - 1));
  let first = firstListened > earliest ? firstListened : earliest;
  first = addDays(first, -isoWeekday(first)); // start on a Monday
  const total = daysBetween(first, lastDate) + 1;
  const max = Math.max(1, data.maxStreams);
  const days = Array.from({ length: total }, (_, index): CalendarDay => {
    const date = addDays(first, index);
    const streams = streamsByDate.get(date) ?? 0;
    const level = streams === 0 ? 0 : Math.min(4, 1 + Math.floor((streams / max) * 3.999));
    return { date, streams, level: level as CalendarDay["level"] };
  });
  const weeks: CalendarDay[][] = [];
  for (let index = 0; index < days.length; index += 7) weeks.push(days.slice(index, index + 7));
  return { first, total, listeningDays: days.filter((day) => day.streams > 0).length, weeks };
}
