/**
 * An independent, plain in-memory implementation of the trends of SPEC section 5c, for the trends
 * tests: no SQL, no rollups, local dates from Intl.DateTimeFormat, day arithmetic on day numbers,
 * names compared by code point, and the definitions written out literally (score comparisons on
 * exact rationals, so equal scores tie whatever their floating-point rounding).
 */
import type { History } from "./stats-fixtures";
import { compareCodePoints } from "./stats-reference";
import type { Trends } from "@/lib/stats/trend-types";

export type ReferenceTrendsFilter = { userId: string; timeZone: string; now: Date; limit: number };

const formats = new Map<string, Intl.DateTimeFormat>();
export function referenceLocalDate(instant: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
}

type Counts = { recent: number; baseline: number };

/** a's score minus b's, in sign: (ra+1)/(ba/6+1) vs (rb+1)/(bb/6+1), cross-multiplied by 6. */
function compareScores(a: Counts, b: Counts): number {
  return (a.recent + 1) * (b.baseline + 6) - (b.recent + 1) * (a.baseline + 6);
}

export function referenceTrends(history: History, filter: ReferenceTrendsFilter): Trends {
  const tracks = new Map(history.tracks.map((t) => [t.id, t]));
  const artists = new Map(history.artists.map((a) => [a.id, a]));
  const plays = history.plays.filter((p) => p.userId === filter.userId);
  const isStream = (p: { msPlayed: number | null }) => p.msPlayed === null || p.msPlayed >= 30000;
  const msOf = (p: { msPlayed: number | null; trackId: string }) => p.msPlayed ?? tracks.get(p.trackId)?.durationMs ?? 0;
  const dayOf = (p: { playedAt: Date }) => dayNumber(referenceLocalDate(p.playedAt, filter.timeZone));
  const D = dayNumber(referenceLocalDate(filter.now, filter.timeZone));
  const recentFrom = D - 27;
  const baselineFrom = D - 195;
  const streams = plays.filter(isStream).map((p) => ({ ...p, day: dayOf(p), credited: [...new Set(tracks.get(p.trackId)!.artistIds)] }));

  const trackCounts = new Map<string, Counts>();
  const artistCounts = new Map<string, Counts>();
  const count = (map: Map<string, Counts>, id: string, recent: boolean) => {
    const entry = map.get(id) ?? { recent: 0, baseline: 0 };
    if (recent) entry.recent++;
    else entry.baseline++;
    map.set(id, entry);
  };
  for (const play of streams) {
    if (play.day < baselineFrom || play.day > D) continue;
    const recent = play.day >= recentFrom;
    count(trackCounts, play.trackId, recent);
    for (const artistId of play.credited) count(artistCounts, artistId, recent);
  }
  const score = (c: Counts) => (c.recent + 1) / (c.baseline / 6 + 1);
  const rising = (c: Counts) => c.recent >= 5 && score(c) >= 2;
  const fading = (c: Counts) => c.baseline / 6 >= 5 && score(c) <= 0.5;
  const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => compareCodePoints(a.name, b.name) || compareCodePoints(a.id, b.id);
  const artistItems = [...artistCounts].map(([id, c]) => ({ id, name: artists.get(id)!.name, ...c, score: score(c) }));
  const trackItems = [...trackCounts].map(([id, c]) => ({
    id,
    name: tracks.get(id)!.name,
    artists: tracks.get(id)!.artistIds.map((a) => artists.get(a)!.name),
    ...c,
    score: score(c),
  }));
  const risingOrder = <T extends Counts & { name: string; id: string }>(a: T, b: T) => -compareScores(a, b) || b.recent - a.recent || byName(a, b);
  const pick = <T extends Counts & { id: string; name: string; score: number }>(item: T) => ({ id: item.id, name: item.name, recent: item.recent, baseline: item.baseline, score: item.score });

  // Rediscoveries
  const artistDays = new Map<string, number[]>();
  for (const play of streams) for (const artistId of play.credited) artistDays.set(artistId, [...(artistDays.get(artistId) ?? []), play.day]);
  const rediscoveries = [...artistDays]
    .flatMap(([id, days]) => {
      const inRecent = days.filter((day) => day >= recentFrom && day <= D);
      const before = days.filter((day) => day < recentFrom);
      if (!inRecent.length || !before.length) return [];
      const lastBefore = Math.max(...before);
      const gapDays = Math.min(...inRecent) - lastBefore;
      if (gapDays < 180) return [];
      return [{ id, name: artists.get(id)!.name, recent: inRecent.length, lastBefore: dateOfDayNumber(lastBefore), gapDays }];
    })
    .sort((a, b) => b.gapDays - a.gapDays || b.recent - a.recent || byName(a, b))
    .slice(0, filter.limit);

  // Unusual days
  const minutes = new Map<number, number>();
  for (const play of streams) minutes.set(play.day, (minutes.get(play.day) ?? 0) + msOf(play) / 60000);
  const firstPlay = plays.length ? Math.min(...plays.map(dayOf)) : null;
  const unusualDays: Trends["unusualDays"] = [];
  for (let d = D - 364; d <= D; d++) {
    if (firstPlay === null || d - 28 < firstPlay) continue;
    const window = Array.from({ length: 28 }, (_, i) => minutes.get(d - 28 + i) ?? 0);
    const m = median(window);
    const mad = median(window.map((x) => Math.abs(x - m)));
    const s = Math.max(1.4826 * mad, 10);
    const x = minutes.get(d) ?? 0;
    const z = (x - m) / s;
    if (z >= 3.5) unusualDays.push({ date: dateOfDayNumber(d), minutes: x, baselineMedian: m, z });
  }
  unusualDays.sort((a, b) => b.z - a.z || (a.date < b.date ? -1 : 1));

  return {
    now: filter.now.toISOString(),
    recent: { from: dateOfDayNumber(recentFrom), to: dateOfDayNumber(D) },
    risingArtists: artistItems.filter(rising).sort(risingOrder).slice(0, filter.limit).map(pick),
    fadingArtists: artistItems
      .filter(fading)
      .sort((a, b) => compareScores(a, b) || b.baseline - a.baseline || byName(a, b))
      .slice(0, filter.limit)
      .map(pick),
    risingTracks: trackItems
      .filter(rising)
      .sort(risingOrder)
      .slice(0, filter.limit)
      .map((item) => ({ ...pick(item), artists: item.artists })),
    rediscoveries,
    unusualDays: unusualDays.slice(0, filter.limit),
  };
}

/**
 * Compares two trends reports: every field equal, numbers within a relative tolerance of 1e-9
 * (SPEC 5c). Returns the first difference as a path and values, or null.
 */
export function trendsDifference(actual: unknown, expected: unknown, path = "trends"): string | null {
  if (typeof expected === "number" && typeof actual === "number") {
    const scale = Math.max(Math.abs(expected), Math.abs(actual));
    return actual === expected || Math.abs(actual - expected) <= 1e-9 * scale ? null : `${path}: ${actual} ≠ ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: not an array`;
    if (actual.length !== expected.length) return `${path}: length ${actual.length} ≠ ${expected.length} (${JSON.stringify(actual).slice(0, 400)} vs ${JSON.stringify(expected).slice(0, 400)})`;
    for (let i = 0; i < expected.length; i++) {
      const difference = trendsDifference(actual[i], expected[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object") return `${path}: not an object`;
    const keys = Object.keys(expected);
    if (JSON.stringify(Object.keys(actual)) !== JSON.stringify(keys)) return `${path}: keys ${Object.keys(actual)} ≠ ${keys}`;
    for (const key of keys) {
      const difference = trendsDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
      if (difference) return difference;
    }
    return null;
  }
  return actual === expected ? null : `${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`;
}

/** The trends page's 28-week charts: per artist and track, streams per week counted back from D (oldest first). */
export function referenceWeeks(
  history: History,
  filter: ReferenceTrendsFilter,
  ids: { artists: string[]; tracks: string[] },
): { artists: Record<string, number[]>; tracks: Record<string, number[]> } {
  const tracks = new Map(history.tracks.map((t) => [t.id, t]));
  const D = dayNumber(referenceLocalDate(filter.now, filter.timeZone));
  const empty = (list: string[]) => Object.fromEntries(list.map((id) => [id, Array.from({ length: 28 }, () => 0)]));
  const result = { artists: empty(ids.artists), tracks: empty(ids.tracks) };
  for (const play of history.plays) {
    if (play.userId !== filter.userId || !(play.msPlayed === null || play.msPlayed >= 30000)) continue;
    const day = dayNumber(referenceLocalDate(play.playedAt, filter.timeZone));
    if (day < D - 195 || day > D) continue;
    const week = 27 - Math.floor((D - day) / 7);
    if (result.tracks[play.trackId]) result.tracks[play.trackId][week]++;
    for (const artistId of new Set(tracks.get(play.trackId)!.artistIds)) if (result.artists[artistId]) result.artists[artistId][week]++;
  }
  return result;
}
