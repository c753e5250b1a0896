/**
 * Ranges for statistics: the report command's `--from/--to/--year` and the dashboard's URL
 * presets (SPEC section 6). A range is `[from, to)`; null bounds are open.
 */
import { addDays, addMonthsClamped, localDateOf, parseLocalDate, startOfLocalDate } from "@/lib/stats/local-time";
import { timeZoneName } from "@/lib/time-zones";

export type InstantRange = { from: Date | null; to: Date | null };

/** A bad argument, with a one-line message meant for the person who typed it. */
export class RangeArgumentError extends Error {
  override name = "RangeArgumentError";
}

/** Validates an IANA zone and returns its name (see timeZoneName). */
export function parseTimeZone(text: string): string {
  const zone = timeZoneName(text.trim());
  if (!zone) throw new RangeArgumentError(`unknown time zone "${text}" (use an IANA name such as Europe/Berlin)`);
  return zone;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * `--from`/`--to` value: an ISO instant with an offset (`2025-03-01T12:00:00Z`), or a local date
 * `YYYY-MM-DD` meaning local midnight in `timeZone`.
 */
export function parseBound(text: string, timeZone: string, option = "date"): Date {
  const value = text.trim();
  const date = parseLocalDate(value);
  if (date) return startOfLocalDate(date, timeZone);
  if (ISO_INSTANT.test(value)) {
    const datePart = parseLocalDate(value.slice(0, 10));
    const instant = new Date(value);
    if (datePart && !Number.isNaN(instant.getTime())) return instant;
  }
  throw new RangeArgumentError(`${option} "${text}" is neither a date YYYY-MM-DD nor an ISO instant with an offset (2025-03-01T12:00:00Z)`);
}

export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new RangeArgumentError(`--year "${text}" is not a four-digit year`);
  return Number(text.trim());
}

/** Local Jan 1 of `year` to local Jan 1 of `year + 1`. */
export function yearRange(year: number, timeZone: string): InstantRange {
  return {
    from: startOfLocalDate(`${String(year).padStart(4, "0")}-01-01`, timeZone),
    to: startOfLocalDate(`${String(year + 1).padStart(4, "0")}-01-01`, timeZone),
  };
}

/** The report command's range options; all-time when none is given. */
export function parseRangeOptions(options: { from?: string; to?: string; year?: string }, timeZone: string): InstantRange {
  if (options.year !== undefined) {
    if (options.from !== undefined || options.to !== undefined) throw new RangeArgumentError("--year cannot be combined with --from or --to");
    return yearRange(parseYear(options.year), timeZone);
  }
  const from = options.from === undefined ? null : parseBound(options.from, timeZone, "--from");
  const to = options.to === undefined ? null : parseBound(options.to, timeZone, "--to");
  if (from && to && from.getTime() > to.getTime()) {
    throw new RangeArgumentError(`--from ${from.toISOString()} is after --to ${to.toISOString()}`);
  }
  return { from, to };
}

export const RANGE_PRESETS = ["4w", "6m", "year", "lastyear", "all"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_RANGE_PRESET: RangePreset = "4w";

export type ResolvedRange = InstantRange & {
  /** The preset applied, or "custom" for from/to dates. */
  preset: RangePreset | "custom";
  /** Local dates of the bounds (`to` exclusive), for display and links. */
  fromDate: string | null;
  toDate: string | null;
  /** False when the URL's range was not understood and the default was used instead. */
  understood: boolean;
};

function presetRange(preset: RangePreset, now: Date, timeZone: string): ResolvedRange {
  const today = localDateOf(now, timeZone);
  const tomorrow = addDays(today, 1);
  const year = Number(today.slice(0, 4));
  const dates: Record<RangePreset, [string | null, string | null]> = {
    "4w": [addDays(today, -27), tomorrow],
    "6m": [addMonthsClamped(today, -6), tomorrow],
    year: [`${year}-01-01`, `${year + 1}-01-01`],
    lastyear: [`${year - 1}-01-01`, `${year}-01-01`],
    all: [null, null],
  };
  const [fromDate, toDate] = dates[preset];
  return {
    preset,
    fromDate,
    toDate,
    from: fromDate ? startOfLocalDate(fromDate, timeZone) : null,
    to: toDate ? startOfLocalDate(toDate, timeZone) : null,
    understood: true,
  };
}

/**
 * The dashboard's `?range=4w|6m|year|lastyear|all` or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (local dates,
 * `to` exclusive; from/to win over range). Never throws: anything not understood gives the
 * default range with `understood: false`, so the page can say so.
 */
export function resolveRangeQuery(
  query: { range?: string | null; from?: string | null; to?: string | null },
  now: Date,
  timeZone: string,
): ResolvedRange {
  const fallback = (): ResolvedRange => ({ ...presetRange(DEFAULT_RANGE_PRESET, now, timeZone), understood: false });
  if (query.from || query.to) {
    const fromDate = query.from ? parseLocalDate(query.from) : null;
    const toDate = query.to ? parseLocalDate(query.to) : null;
    if ((query.from && !fromDate) || (query.to && !toDate) || (fromDate && toDate && fromDate > toDate)) return fallback();
    return {
      preset: "custom",
      fromDate,
      toDate,
      from: fromDate ? startOfLocalDate(fromDate, timeZone) : null,
      to: toDate ? startOfLocalDate(toDate, timeZone) : null,
      understood: true,
    };
  }
  if (!query.range) return presetRange(DEFAULT_RANGE_PRESET, now, timeZone);
  if (!(RANGE_PRESETS as readonly string[]).includes(query.range)) return fallback();
  return presetRange(query.range as RangePreset, now, timeZone);
}
