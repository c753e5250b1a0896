/**
 * The range in the URL (SPEC §6), on the client: which parameters make up the range, how the
 * page asks /api/stats for it, and how links keep it.
 */
import { formatLocalDate } from "@/lib/format/dates";
import { addDays } from "@/lib/stats/local-time";
import { resolveRangeQuery, type RangePreset, type ResolvedRange } from "@/lib/stats/range";

type Params = { get(name: string): string | null };

export const RANGE_PARAM_NAMES = ["range", "from", "to"] as const;

export function rangeQueryOf(params: Params) {
  return { range: params.get("range"), from: params.get("from"), to: params.get("to") };
}

/** `range=6m` or `from=…&to=…` as in the current URL ("" when the URL has none). */
export function rangeSearch(params: Params): string {
  const out = new URLSearchParams();
  for (const name of RANGE_PARAM_NAMES) {
    const value = params.get(name);
    if (value) out.set(name, value);
  }
  return out.toString();
}

/** What /api/stats is asked for: the understood range (the default one when the URL's was not understood). */
export type ReportRequest = { range?: RangePreset; from?: string; to?: string };

export function reportRequestOf(resolved: ResolvedRange): ReportRequest {
  if (resolved.preset !== "custom") return { range: resolved.preset };
  return { ...(resolved.fromDate ? { from: resolved.fromDate } : {}), ...(resolved.toDate ? { to: resolved.toDate } : {}) };
}

export function resolveFromParams(params: Params, timeZone: string, now = new Date()): ResolvedRange {
  return resolveRangeQuery(rangeQueryOf(params), now, timeZone);
}

export function sameRequest(a: ReportRequest, b: ReportRequest): boolean {
  return a.range === b.range && a.from === b.from && a.to === b.to;
}

export const PRESET_LABELS: Record<RangePreset, string> = {
  "4w": "4 weeks",
  "6m": "6 months",
  year: "This year",
  lastyear: "Last year",
  all: "All time",
};

/** "the last 4 weeks (Mar 1 – Mar 28, 2026)", "all time": what a range covers, in words. */
export function rangeLabel(range: ResolvedRange, locale: string): string {
  const last = range.toDate ? formatLocalDate(addDays(range.toDate, -1), locale) : null;
  const first = range.fromDate ? formatLocalDate(range.fromDate, locale) : null;
  const dates = first && last ? `${first} – ${last}` : first ? `since ${first}` : last ? `until ${last}` : "all time";
  return range.preset === "custom" || range.preset === "all" ? dates : `${PRESET_LABELS[range.preset].toLowerCase()} (${dates})`;
}
