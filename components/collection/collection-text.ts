/** The words pages use for the collection's progress (banner, empty states, notes). */
import type { CollectionStatus, DetailsProgress } from "@/lib/collection/types";
import { RECENT_PLAYS_READ } from "@/lib/collection/types";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";

const plural = (count: number, one: string, many: string, locale: string) => `${formatCount(count, locale)} ${count === 1 ? one : many}`;

export function readingPlaysText(locale: string): string {
  return `Reading your last ${formatCount(RECENT_PLAYS_READ, locale)} plays…`;
}

/** "Details for 312 tracks and 40 artists: 120 done". */
export function detailsText(details: DetailsProgress, locale: string): string {
  const what = [details.tracks > 0 ? plural(details.tracks, "track", "tracks", locale) : null, details.artists > 0 ? plural(details.artists, "artist", "artists", locale) : null]
    .filter(Boolean)
    .join(" and ");
  return `Details for ${what}: ${formatCount(details.done, locale)} done`;
}

/** What the details wait for: a run reading them now, Spotify's rate limit, or the next run. */
export function detailsWhenText(status: CollectionStatus, locale: string, timeZone: string): string {
  if (status.resumesAt) return `Spotify asked Encore to wait: reading resumes ${formatInstant(status.resumesAt, locale, timeZone)}.`;
  if (status.running) return "Encore is reading them from Spotify now; this page updates by itself.";
  return "The rest are read with the next collection runs (every 30 minutes); this page updates by itself.";
}
