/**
 * An independent, plain in-memory implementation of SPEC 5c's artist report (and the followed
 * artists' months), for the property test: no SQL, local dates from Intl.DateTimeFormat, the full
 * artist ranking built and searched, months walked one by one.
 */
import type { History } from "./stats-fixtures";
import { compareCodePoints, type ReferenceFilter } from "./stats-reference";
import type { ArtistReport } from "@/lib/stats/artistReport";
import type { ArtistMonth } from "@/lib/stats/artistMonths";
import type { Streak } from "@/lib/stats/types";

const formats = new Map<string, Intl.DateTimeFormat>();
function localDate(instant: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function nextMonth(month: string): string {
  const [year, number] = month.split("-").map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, "0")}`;
}

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

type Ranked = { id: string; name: string; streams: number; msListened: number };

function rankOrder(a: Ranked, b: Ranked): number {
  return b.streams - a.streams || b.msListened - a.msListened || compareCodePoints(a.name, b.name) || compareCodePoints(a.id, b.id);
}

function referenceStreams(history: History, filter: ReferenceFilter) {
  const tracks = new Map(history.tracks.map((t) => [t.id, t]));
  const isStream = (p: { msPlayed: number | null }) => p.msPlayed === null || p.msPlayed >= 30000;
  const msOf = (p: { msPlayed: number | null; trackId: string }) => p.msPlayed ?? tracks.get(p.trackId)?.durationMs ?? 0;
  const inRange = (t: Date) => (!filter.from || t.getTime() >= filter.from.getTime()) && (!filter.to || t.getTime() < filter.to.getTime());
  const userPlays = history.plays.filter((p) => p.userId === filter.userId);
  const credits = (trackId: string) => new Set(tracks.get(trackId)!.artistIds);
  return { tracks, isStream, msOf, inRange, userPlays, credits };
}

/** Months of the artist in the range: first to last month with a stream, zeros in between. */
export function referenceArtistMonths(history: History, filter: ReferenceFilter, artistId: string): ArtistMonth[] {
  const { isStream, msOf, inRange, userPlays, credits } = referenceStreams(history, filter);
  const byMonth = new Map<string, { streams: number; msListened: number }>();
  for (const play of userPlays) {
    if (!isStream(play) || !inRange(play.playedAt) || !credits(play.trackId).has(artistId)) continue;
    const month = localDate(play.playedAt, filter.timeZone).slice(0, 7);
    const entry = byMonth.get(month) ?? { streams: 0, msListened: 0 };
    entry.streams++;
    entry.msListened += msOf(play);
    byMonth.set(month, entry);
  }
  const months = [...byMonth.keys()].sort();
  if (months.length === 0) return [];
  const result: ArtistMonth[] = [];
  for (let month = months[0]; month <= months[months.length - 1]; month = nextMonth(month)) {
    result.push({ month, ...(byMonth.get(month) ?? { streams: 0, msListened: 0 }) });
  }
  return result;
}

/** The artist report without `user` and `range`; null when the user has no play of the artist. */
export function referenceArtistReport(history: History, filter: ReferenceFilter, artistId: string): Omit<ArtistReport, "user" | "range"> | null {
  const { tracks, isStream, msOf, inRange, userPlays, credits } = referenceStreams(history, filter);
  const artist = history.artists.find((a) => a.id === artistId);
  if (!artist || !userPlays.some((p) => credits(p.trackId).has(artistId))) return null;
  const albums = new Map(history.albums.map((a) => [a.id, a]));
  const names = new Map(history.artists.map((a) => [a.id, a.name]));

  const streams = userPlays.filter((p) => isStream(p) && inRange(p.playedAt));
  const byArtist = new Map<string, Ranked>();
  const byTrack = new Map<string, Ranked>();
  const byAlbum = new Map<string, Ranked>();
  const add = (map: Map<string, Ranked>, id: string, name: string, ms: number) => {
    const entry = map.get(id) ?? { id, name, streams: 0, msListened: 0 };
    entry.streams++;
    entry.msListened += ms;
    map.set(id, entry);
  };
  const dates = new Set<string>();
  for (const play of streams) {
    const ms = msOf(play);
    for (const id of credits(play.trackId)) add(byArtist, id, names.get(id)!, ms);
    if (!credits(play.trackId).has(artistId)) continue;
    const track = tracks.get(play.trackId)!;
    add(byTrack, track.id, track.name, ms);
    if (track.albumId) add(byAlbum, track.albumId, albums.get(track.albumId)!.name, ms);
    dates.add(localDate(play.playedAt, filter.timeZone));
  }
  const ranking = [...byArtist.values()].sort(rankOrder);
  const mine = byArtist.get(artistId);
  const allTime = userPlays.filter((p) => isStream(p) && credits(p.trackId).has(artistId)).map((p) => p.playedAt.getTime());

  let longest: Streak = { days: 0, start: null, end: null };
  const sorted = [...dates].sort();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === nextDay(sorted[j])) j++;
    if (j - i + 1 > longest.days) longest = { days: j - i + 1, start: sorted[i], end: sorted[j] };
    i = j + 1;
  }

  return {
    artist: { id: artist.id, name: artist.name, genres: artist.genres ?? [], imageUrl: null },
    totals: {
      streams: mine?.streams ?? 0,
      msListened: mine?.msListened ?? 0,
      uniqueTracks: byTrack.size,
      rank: mine ? ranking.findIndex((entry) => entry.id === artistId) + 1 : null,
      share: mine ? mine.streams / streams.length : null,
      firstStream: allTime.length ? new Date(Math.min(...allTime)).toISOString() : null,
      lastStream: allTime.length ? new Date(Math.max(...allTime)).toISOString() : null,
    },
    months: referenceArtistMonths(history, filter, artistId),
    topTracks: [...byTrack.values()].sort(rankOrder).slice(0, filter.limit),
    topAlbums: [...byAlbum.values()].sort(rankOrder).slice(0, filter.limit),
    longestStreak: longest,
  };
}
