/**
 * Intl formatters, built once per locale and options, and what they wrote, remembered. Building
 * a formatter costs far more than using it (ICU loads locale data), and using one costs far more
 * than a Map lookup: a dashboard render formats hundreds of dates and counts, mostly the same
 * ones on every render (the months of a chart, the days of a calendar, the hours of a heatmap).
 */

/** The locale comes from a request header, so the caches are bounded: emptied when full. */
const MAX_CACHED = 500;
/** Remembered outputs per formatter (a year of days, a decade of months, the usual counts). */
const MAX_REMEMBERED = 4000;

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
/** The cache key of an options object, computed once per object: callers pass module constants. */
const optionKeys = new WeakMap<object, string>();

function cached<T>(cache: Map<string, T>, locale: string, options: object, create: () => T): T {
  let optionsKey = optionKeys.get(options);
  if (optionsKey === undefined) {
    optionsKey = JSON.stringify(options);
    optionKeys.set(options, optionsKey);
  }
  const key = `${locale}|${optionsKey}`;
  let formatter = cache.get(key);
  if (!formatter) {
    if (cache.size >= MAX_CACHED) cache.clear();
    formatter = create();
    cache.set(key, formatter);
  }
  return formatter;
}

/** Options objects are read once and must not be changed afterwards. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

/** Options objects are read once and must not be changed afterwards. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

const remembered = new WeakMap<object, Map<string | number, string>>();

/** `write(value)` for this formatter, from memory when it wrote the same value before. */
export function rememberedOutput<V extends string | number>(formatter: object, value: V, write: (value: V) => string): string {
  let outputs = remembered.get(formatter);
  if (!outputs) remembered.set(formatter, (outputs = new Map()));
  let output = outputs.get(value);
  if (output === undefined) {
    if (outputs.size >= MAX_REMEMBERED) outputs.clear();
    outputs.set(value, (output = write(value)));
  }
  return output;
}

/** `formatter.format(value)`, remembered. */
export function formatNumber(formatter: Intl.NumberFormat, value: number): string {
  // A Map does not tell -0 from 0, and Intl writes "-0".
  if (Object.is(value, -0)) return formatter.format(value);
  return rememberedOutput(formatter, value, (number) => formatter.format(number));
}

/** A calendar date (`YYYY-MM-DD`) through a formatter whose time zone is UTC, remembered. */
export function formatCalendarDate(formatter: Intl.DateTimeFormat, date: string): string {
  return rememberedOutput(formatter, date, (text) => {
    const [year, month, day] = text.split("-").map(Number);
    return formatter.format(new Date(Date.UTC(year, month - 1, day)));
  });
}
