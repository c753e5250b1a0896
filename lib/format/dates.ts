import { dateTimeFormat } from "./intl-cache";

/** Dates for display. Local dates (`YYYY-MM-DD`) are calendar dates: formatted in UTC so no zone shifts them. */

export function formatLocalDate(date: string, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium" }): string {
  const [year, month, day] = date.split("-").map(Number);
  return dateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, day)));
}

export function formatDateRange(start: string | null, end: string | null, locale: string): string {
  if (!start || !end) return "—";
  if (start === end) return formatLocalDate(start, locale);
  return `${formatLocalDate(start, locale)} – ${formatLocalDate(end, locale)}`;
}

/** An instant in the user's time zone: "Mar 1, 2025, 13:05". */
export function formatInstant(iso: string, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

/** An hour of the day as the locale writes it: "14:00" or "2 PM". */
export function formatHourOfDay(hour: number, locale: string): string {
  return dateTimeFormat(locale, { hour: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1, hour)));
}

/** ISO weekday names, Monday first (heatmap rows). */
export function weekdayNames(locale: string, width: "short" | "long" = "short"): string[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, index) =>
    dateTimeFormat(locale, { weekday: width, timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + index))),
  );
}
