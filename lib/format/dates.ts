import { dateTimeFormat, formatCalendarDate, rememberedOutput } from "./intl-cache";

/** Dates for display. Local dates (`YYYY-MM-DD`) are calendar dates: formatted in UTC so no zone shifts them. */

export const MEDIUM_DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };
/** Chart axes: "Mar 2025", "Mar 14". */
export const MONTH_YEAR: Intl.DateTimeFormatOptions = { month: "short", year: "numeric" };
export const MONTH_DAY: Intl.DateTimeFormatOptions = { month: "short", day: "numeric" };

const HOUR: Intl.DateTimeFormatOptions = { hour: "numeric", timeZone: "UTC" };
const WEEKDAY: Record<"short" | "long", Intl.DateTimeFormatOptions> = { short: { weekday: "short", timeZone: "UTC" }, long: { weekday: "long", timeZone: "UTC" } };

/** The UTC variant of each options object, made once per object (callers pass module constants). */
const inUtc = new WeakMap<Intl.DateTimeFormatOptions, Intl.DateTimeFormatOptions>();

export function formatLocalDate(date: string, locale: string, options: Intl.DateTimeFormatOptions = MEDIUM_DATE): string {
  let utc = inUtc.get(options);
  if (!utc) inUtc.set(options, (utc = { ...options, timeZone: "UTC" }));
  return formatCalendarDate(dateTimeFormat(locale, utc), date);
}

export function formatDateRange(start: string | null, end: string | null, locale: string): string {
  if (!start || !end) return "—";
  if (start === end) return formatLocalDate(start, locale);
  return `${formatLocalDate(start, locale)} – ${formatLocalDate(end, locale)}`;
}

/** An instant in the user's time zone: "Mar 1, 2025, 13:05". */
export function formatInstant(iso: string, locale: string, timeZone: string): string {
  let options = instantOptions.get(timeZone);
  if (!options) {
    if (instantOptions.size >= 500) instantOptions.clear(); // zones come from users' settings
    instantOptions.set(timeZone, (options = { dateStyle: "medium", timeStyle: "short", timeZone }));
  }
  return dateTimeFormat(locale, options).format(new Date(iso));
}
const instantOptions = new Map<string, Intl.DateTimeFormatOptions>();

/** An hour of the day as the locale writes it: "14:00" or "2 PM". */
export function formatHourOfDay(hour: number, locale: string): string {
  const formatter = dateTimeFormat(locale, HOUR);
  return rememberedOutput(formatter, hour, (value) => formatter.format(new Date(Date.UTC(2024, 0, 1, value))));
}

/** ISO weekday names, Monday first (heatmap rows). */
export function weekdayNames(locale: string, width: "short" | "long" = "short"): string[] {
  const formatter = dateTimeFormat(locale, WEEKDAY[width]);
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, index) => rememberedOutput(formatter, index, (day) => formatter.format(new Date(Date.UTC(2024, 0, 1 + day)))));
}
