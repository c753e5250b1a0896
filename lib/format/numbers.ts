/**
 * Numbers and durations as the reader's locale writes them. Every function takes the locale
 * explicitly so that the server's first render and the browser's hydration agree.
 */

import { formatNumber, numberFormat } from "./intl-cache";

// Module constants: the formatter cache keys an options object once (lib/format/intl-cache.ts).
const WHOLE: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const ONE_DECIMAL: Intl.NumberFormatOptions = { maximumFractionDigits: 1, minimumFractionDigits: 0 };
const AT_MOST_ONE_DECIMAL: Intl.NumberFormatOptions = { maximumFractionDigits: 1 };
const PERCENT_OPTIONS = new Map<number, Intl.NumberFormatOptions>();

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;


/** A count: 12,345 */
export function formatCount(value: number, locale: string): string {
  return formatNumber(numberFormat(locale, WHOLE), value);
}

/** Whole minutes listened (floored, as a listening counter would show them). */
export function minutesOf(ms: number): number {
  return Math.floor(ms / MS_PER_MINUTE);
}

export function formatMinutes(ms: number, locale: string): string {
  return formatCount(minutesOf(ms), locale);
}

/** Hours with one decimal: 1,234.5 */
export function formatHours(ms: number, locale: string): string {
  return formatNumber(numberFormat(locale, ONE_DECIMAL), Math.floor(ms / (MS_PER_HOUR / 10)) / 10);
}

/** A short duration for tables: "3 h 25 min", "12 min", "45 s". */
export function formatDuration(ms: number, locale: string): string {
  if (ms < MS_PER_MINUTE) return `${formatCount(Math.round(ms / 1000), locale)} s`;
  const hours = Math.floor(ms / MS_PER_HOUR);
  const minutes = Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE);
  if (hours === 0) return `${formatCount(minutes, locale)} min`;
  return minutes === 0 ? `${formatCount(hours, locale)} h` : `${formatCount(hours, locale)} h ${minutes} min`;
}

/** A mean or ratio with one decimal at most: 4.5 */
export function formatDecimal(value: number, locale: string): string {
  return formatNumber(numberFormat(locale, AT_MOST_ONE_DECIMAL), value);
}

/** A share in [0, 1] as a percentage: 42.5 % (locale-specific sign placement). */
export function formatPercent(share: number, locale: string, fractionDigits = 1): string {
  let options = PERCENT_OPTIONS.get(fractionDigits);
  if (!options) PERCENT_OPTIONS.set(fractionDigits, (options = { style: "percent", maximumFractionDigits: fractionDigits }));
  return formatNumber(numberFormat(locale, options), share);
}

/** Days as a phrase: "1 day", "12 days". */
export function formatDays(days: number, locale: string): string {
  return `${formatCount(days, locale)} ${days === 1 ? "day" : "days"}`;
}
