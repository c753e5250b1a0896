/**
 * An independent, plain in-memory implementation of SPEC section 5, for the property test:
 * no SQL, local dates from Intl.DateTimeFormat, names compared by code point.
 */
import type { History } from "./stats-fixtures";
import type { Report, Session, Streak } from "@/lib/stats/types";

export type ReferenceFilter = { userId: string; from: Date | null; to: Date | null; timeZone: string; limit: number; now: Date };

export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (c) => c.codePointAt(0)!);
  const right = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(left.length, right.length); i++) if (left[i] !== right[i]) return left[i] - right[i];
  return left.length - right.length;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function localParts(instant: Date, timeZone: string): { date: string; hour: number } {
  let format = partsCache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" });
    partsCache.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function isoWeekdayIndex(date: string): number {
  return (new Date(dayNumber(date) * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
}

/** Runs of consecutive dates, in date order. */
function runs(dates: Iterable<string>): { days: number; start: string; end: string }[] {
  const sorted = [...new Set(dates)].sort();
  const result: { days: number; start: string; end: string }[] = [];
  for (const date of sorted) {
    const last = result[result.length - 1];
    if (last && dayNumber(date) === dayNumber(last.end) + 1) {
      last.days++;
      last.end = date;
    } else result.push({ days: 1, start: date, end: date });
  }
  return result;
}

function longestRun(dates: Iterable<string>): Streak {
  let best: Streak = { days: 0, start: null, end: null };
  for (const run of runs(dates)) if (run.days > best.days) best = run;
  return best;
}

type Totals = { streams: number; ms: number };

function rank<T extends { name: string; id?: string; streams: number; msListened: number }>(items: T[], limit: number): T[] {
  return items
    .sort((a, b) => b.streams - a.streams || b.msListened - a.msListened || compareCodePoints(a.name, b.name) || compareCodePoints(a.id ?? "", b.id ?? ""))
    .slice(0, limit);
}

export function referenceReport(history: History, filter: ReferenceFilter): Omit<Report, "user" | "range"> {
  const tracks = new Map(history.tracks.map((t) => [t.id, t]));
  const artists = new Map(history.artists.map((a) => [a.id, a]));
  const albums = new Map(history.albums.map((a) => [a.id, a]));
  const userPlays = history.plays.filter((p) => p.userId === filter.userId);
  const isStream = (p: { msPlayed: number | null }) => p.msPlayed === null || p.msPlayed >= 30000;
  const msOf = (p: { msPlayed: number | null; trackId: string }) => p.msPlayed ?? tracks.get(p.trackId)?.durationMs ?? 0;
  const inRange = (t: Date) => (!filter.from || t.getTime() >= filter.from.getTime()) && (!filter.to || t.getTime() < filter.to.getTime());
  const plays = userPlays.filter((p) => inRange(p.playedAt));
  const streams = plays.filter(isStream);
  const creditedArtists = (trackId: string) => [...new Set(tracks.get(trackId)!.artistIds)];
  const local = (p: { playedAt: Date }) => localParts(p.playedAt, filter.timeZone);

  const add = (map: Map<string, Totals>, key: string, ms: number) => {
    const entry = map.get(key) ?? { streams: 0, ms: 0 };
    entry.streams++;
    entry.ms += ms;
    map.set(key, entry);
  };
  const byTrack = new Map<string, Totals>();
  const byArtist = new Map<string, Totals>();
  const byAlbum = new Map<string, Totals>();
  const byGenre = new Map<string, Totals>();
  for (const play of streams) {
    const ms = msOf(play);
    add(byTrack, play.trackId, ms);
    const track = tracks.get(play.trackId)!;
    if (track.albumId) add(byAlbum, track.albumId, ms);
    const credited = creditedArtists(play.trackId);
    for (const artistId of credited) add(byArtist, artistId, ms);
    const genres = new Set(credited.flatMap((id) => artists.get(id)!.genres ?? []));
    for (const genre of genres) add(byGenre, genre, ms);
  }

  const firstStream = new Map<string, number>();
  for (const play of userPlays.filter(isStream)) {
    for (const artistId of creditedArtists(play.trackId)) {
      const known = firstStream.get(artistId);
      if (known === undefined || play.playedAt.getTime() < known) firstStream.set(artistId, play.playedAt.getTime());
    }
  }
  const newArtists = [...firstStream.values()].filter((t) => inRange(new Date(t))).length;

  // Streaks
  const streamDates = streams.map((p) => local(p).date);
  const longest = longestRun(streamDates);
  const today = localParts(filter.now, filter.timeZone).date;
  const pastDates = userPlays.filter((p) => isStream(p) && p.playedAt.getTime() <= filter.now.getTime()).map((p) => local(p).date);
  const currentRun = runs(pastDates).find((run) => run.end === today || dayNumber(run.end) === dayNumber(today) - 1);
  const current: Streak = currentRun ?? { days: 0, start: null, end: null };
  const artistDates = new Map<string, string[]>();
  for (const play of streams) {
    for (const artistId of creditedArtists(play.trackId)) artistDates.set(artistId, [...(artistDates.get(artistId) ?? []), local(play).date]);
  }
  const artistStreaks = [...artistDates.entries()]
    .map(([id, dates]) => {
      const best = longestRun(dates);
      return { id, name: artists.get(id)!.name, days: best.days, start: best.start!, end: best.end!, streams: byArtist.get(id)!.streams };
    })
    .sort((a, b) => b.days - a.days || b.streams - a.streams || compareCodePoints(a.name, b.name) || compareCodePoints(a.id, b.id))
    .slice(0, filter.limit)
    .map(({ id, name, days, start, end }) => ({ id, name, days, start, end }));

  // Album completion
  const albumTracks = new Map<string, { tracks: Set<string>; streams: number }>();
  for (const play of streams) {
    const albumId = tracks.get(play.trackId)!.albumId;
    const album = albumId ? albums.get(albumId) : undefined;
    if (!album || !album.totalTracks) continue;
    const entry = albumTracks.get(album.id) ?? { tracks: new Set<string>(), streams: 0 };
    entry.tracks.add(play.trackId);
    entry.streams++;
    albumTracks.set(album.id, entry);
  }
  const completions = [...albumTracks.entries()].map(([id, entry]) => {
    const album = albums.get(id)!;
    return {
      id,
      name: album.name,
      distinctTracks: entry.tracks.size,
      totalTracks: album.totalTracks!,
      completion: Math.min(entry.tracks.size / album.totalTracks!, 1),
      streams: entry.streams,
    };
  });
  const meanCompletion = completions.length ? completions.reduce((sum, a) => sum + a.completion, 0) / completions.length : null;

  // Sessions over all plays of the range
  const ordered = [...plays].sort((a, b) => a.playedAt.getTime() - b.playedAt.getTime());
  const sessions: { start: Date; end: Date; plays: number; ms: number }[] = [];
  for (const play of ordered) {
    const last = sessions[sessions.length - 1];
    if (last && play.playedAt.getTime() - last.end.getTime() <= 30 * 60_000) {
      last.end = play.playedAt;
      last.plays++;
      last.ms += msOf(play);
    } else sessions.push({ start: play.playedAt, end: play.playedAt, plays: 1, ms: msOf(play) });
  }
  let longestSession: Session | null = null;
  let longestMs = -1;
  for (const session of sessions) {
    if (session.ms > longestMs) {
      longestMs = session.ms;
      longestSession = { start: session.start.toISOString(), end: session.end.toISOString(), plays: session.plays, ms: session.ms };
    }
  }

  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const play of streams) {
    const { date, hour } = local(play);
    heatmap[isoWeekdayIndex(date)][hour]++;
  }
  const known = plays.filter((p) => p.msPlayed !== null);
  const timeline = new Map<string, { streams: number; msListened: number }>();
  for (const play of plays) {
    const date = local(play).date;
    const entry = timeline.get(date) ?? { streams: 0, msListened: 0 };
    if (isStream(play)) {
      entry.streams++;
      entry.msListened += msOf(play);
    }
    timeline.set(date, entry);
  }

  return {
    totals: {
      plays: plays.length,
      streams: streams.length,
      msListened: plays.reduce((sum, p) => sum + msOf(p), 0),
      uniqueTracks: byTrack.size,
      uniqueArtists: byArtist.size,
      uniqueAlbums: byAlbum.size,
      newArtists,
    },
    topArtists: rank([...byArtist].map(([id, t]) => ({ id, name: artists.get(id)!.name, streams: t.streams, msListened: t.ms })), filter.limit),
    topTracks: rank(
      [...byTrack].map(([id, t]) => ({
        id,
        name: tracks.get(id)!.name,
        artists: tracks.get(id)!.artistIds.map((a) => artists.get(a)!.name),
        streams: t.streams,
        msListened: t.ms,
      })),
      filter.limit,
    ),
    topAlbums: rank([...byAlbum].map(([id, t]) => ({ id, name: albums.get(id)!.name, streams: t.streams, msListened: t.ms })), filter.limit),
    topGenres: rank([...byGenre].map(([name, t]) => ({ name, streams: t.streams, msListened: t.ms })), filter.limit),
    streaks: { longest, current, artists: artistStreaks },
    albumCompletion: {
      completedAlbums: completions.filter((a) => a.completion === 1).length,
      meanCompletion,
      albums: completions
        .sort((a, b) => b.completion - a.completion || b.streams - a.streams || compareCodePoints(a.name, b.name) || compareCodePoints(a.id, b.id))
        .slice(0, filter.limit),
    },
    sessions: {
      count: sessions.length,
      meanPlays: sessions.length ? plays.length / sessions.length : null,
      meanMs: sessions.length ? sessions.reduce((sum, s) => sum + s.ms, 0) / sessions.length : null,
      longest: longestSession,
    },
    heatmap,
    skipRate: known.length ? known.filter((p) => p.msPlayed! < 30000).length / known.length : null,
    timeline: [...timeline.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, entry]) => ({ date, ...entry })),
  };
}
