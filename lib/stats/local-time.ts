/**
 * Local calendar dates in IANA time zones, in JavaScript (Intl). The statistics themselves
 * compute local dates in PostgreSQL; this is for turning arguments and URL presets into instants.
 */
import type { LocalDate } from "@/lib/stats/types";

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const fields: Record<string, string> = {};
  for (const part of dateFormatter(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  return `${fields.year.padStart(4, "0")}-${fields.month}-${fields.day}`;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` strictly (a real calendar date), or returns null. */
export function parseLocalDate(text: string): LocalDate | null {
  const match = LOCAL_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return text;
}

/** Calendar arithmetic on local dates (no time zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The same day of the month `months` later (negative: earlier), clamped to the month's last day. */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = date.split("-").map(Number);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** Starts of local dates found so far, by zone and date (bounded: emptied when full). */
const startsOfLocalDates = new Map<string, number>();
const MAX_STARTS_KEPT = 10_000;

/**
 * The first instant whose local date is `date`: local midnight, or the end of a daylight-saving
 * gap in zones that skip midnight. Binary search, so it is exact whatever the zone's offsets; its
 * ~27 steps cost 0.1 ms, and every page resolves the same few range presets several times per
 * render, so answers are remembered.
 */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  const key = `${timeZone}|${date}`;
  let start = startsOfLocalDates.get(key);
  if (start === undefined) {
    if (startsOfLocalDates.size >= MAX_STARTS_KEPT) startsOfLocalDates.clear();
    startsOfLocalDates.set(key, (start = searchStartOfLocalDate(date, timeZone)));
  }
  return new Date(start);
}

function searchStartOfLocalDate(date: LocalDate, timeZone: string): number {
  const [year, month, day] = date.split("-").map(Number);
  const utcMidnight = Date.UTC(year, month - 1, day);
  // Every offset in use lies within ±26 h.
  let low = utcMidnight - 26 * 3_600_000; // local date before `date`
  let high = utcMidnight + 26 * 3_600_000; // local date after or on `date`
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (localDateOf(new Date(middle), timeZone) >= date) high = middle;
    else low = middle;
  }
  return high;
}
