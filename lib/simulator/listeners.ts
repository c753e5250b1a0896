import type { Catalogue, SimAlbum, SimArtist, SimPlay, SimTrack } from "./catalogue-model";
import { SeededRandom } from "./random";
import { addDays, isoWeekday, localDateOf, localMidnightMs } from "./time-zone";

// Simulated listeners and their listening: a daily rhythm in their own time zone, busier or
// quieter weekends, favourite artists that change month by month, albums played through,
// and skips. Each local day is generated from its own seed, so any time range gives the
// same plays for the days it covers (the simulator's history and a generated data export agree).

export const DEFAULT_SEED = "encore";

export interface ListeningHabits {
  favouriteGenres: string[];
  /** Relative weight of starting a session at each local hour 0..23. */
  hourWeights: number[];
  sessionsPerWeekday: [number, number];
  sessionsPerWeekendDay: [number, number];
  playsPerSession: [number, number];
  /** Share of sessions that play an album through in order. */
  albumSessionShare: number;
  /** Share of plays skipped within the first 30 s. */
  skipRate: number;
  /** Share of days without any listening. */
  restDayRate: number;
  /** Tracks outside their taste the listener keeps starting and skipping within seconds (none when absent). */
  habitualSkips?: number;
}

export interface SimListener {
  /** Also the Spotify user id the simulator reports for this listener. */
  id: string;
  displayName: string;
  timeZone: string;
  habits: ListeningHabits;
}

function hours(peaks: Array<[from: number, to: number, weight: number]>, base = 0.2): number[] {
  const weights = Array.from({ length: 24 }, () => base);
  for (const [from, to, weight] of peaks) for (let h = from; h <= to; h += 1) weights[h] += weight;
  return weights;
}

/** The four named listeners of the demo and the tests. */
export const NAMED_LISTENERS: readonly SimListener[] = [
  {
    id: "ada",
    displayName: "Ada Listener",
    timeZone: "Europe/Berlin",
    habits: {
      favouriteGenres: ["indie pop", "dream pop", "post-rock"],
      hourWeights: hours([[7, 8, 2], [18, 23, 4]], 0.1),
      sessionsPerWeekday: [1, 3],
      sessionsPerWeekendDay: [2, 4],
      playsPerSession: [6, 16],
      albumSessionShare: 0.5,
      skipRate: 0.08,
      restDayRate: 0.05,
      habitualSkips: 3,
    },
  },
  {
    id: "ben",
    displayName: "Ben Okafor",
    timeZone: "America/New_York",
    habits: {
      favouriteGenres: ["hip hop", "house", "techno"],
      hourWeights: hours([[21, 23, 5], [0, 2, 4], [12, 13, 1]], 0.05),
      sessionsPerWeekday: [1, 2],
      sessionsPerWeekendDay: [3, 5],
      playsPerSession: [8, 25],
      albumSessionShare: 0.15,
      skipRate: 0.22,
      restDayRate: 0.1,
    },
  },
  {
    id: "chandra",
    displayName: "Chandra Iyer",
    timeZone: "Asia/Kolkata",
    habits: {
      favouriteGenres: ["classical", "jazz", "ambient"],
      hourWeights: hours([[5, 9, 5], [13, 14, 1]], 0.05),
      sessionsPerWeekday: [1, 2],
      sessionsPerWeekendDay: [1, 3],
      playsPerSession: [5, 12],
      albumSessionShare: 0.75,
      skipRate: 0.04,
      restDayRate: 0.08,
    },
  },
  {
    id: "dana",
    displayName: "Dana Kowalski",
    timeZone: "UTC",
    habits: {
      favouriteGenres: ["metal", "drum and bass", "folk"],
      hourWeights: hours([[9, 12, 4], [14, 17, 4]], 0.1),
      sessionsPerWeekday: [2, 4],
      sessionsPerWeekendDay: [0, 1],
      playsPerSession: [10, 20],
      albumSessionShare: 0.35,
      skipRate: 0.12,
      restDayRate: 0.02,
    },
  },
];

const EXTRA_TIME_ZONES = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo"];

/** The named listeners plus `extraListeners` generated ones (`listener-0001`, ...). */
export function generateListeners(catalogue: Catalogue, extraListeners = 0): SimListener[] {
  const genres = [...catalogue.artistsByGenre.keys()].sort();
  const listeners = [...NAMED_LISTENERS];
  for (let i = 1; i <= extraListeners; i += 1) {
    const number = String(i).padStart(4, "0");
    const random = new SeededRandom(`${catalogue.seed}:listener:${number}`);
    const peak = random.int(0, 23);
    listeners.push({
      id: `listener-${number}`,
      displayName: `Listener ${number}`,
      timeZone: random.pick(EXTRA_TIME_ZONES),
      habits: {
        favouriteGenres: random.sample(genres, random.int(1, 3)),
        hourWeights: hours([[peak, Math.min(23, peak + 3), 4]], 0.2),
        sessionsPerWeekday: [random.int(0, 1), random.int(2, 3)],
        sessionsPerWeekendDay: [random.int(0, 2), random.int(2, 4)],
        playsPerSession: [random.int(3, 8), random.int(10, 20)],
        albumSessionShare: random.next() * 0.6,
        skipRate: 0.03 + random.next() * 0.2,
        restDayRate: random.next() * 0.2,
      },
    });
  }
  return listeners;
}

/** Favourite artists for a month: a stable core plus a rotating set from the listener's genres. */
export function favouriteArtists(catalogue: Catalogue, listener: SimListener, month: string): SimArtist[] {
  const inGenres = listener.habits.favouriteGenres.flatMap((g) => catalogue.artistsByGenre.get(g) ?? []);
  const pool = inGenres.length >= 4 ? [...new Set(inGenres)] : catalogue.artists.filter((a) => catalogue.albumsByArtist.has(a.id));
  const core = new SeededRandom(`${catalogue.seed}:${listener.id}:core`).sample(pool, 3);
  const monthly = new SeededRandom(`${catalogue.seed}:${listener.id}:month:${month}`);
  const rotating = monthly.sample(pool.filter((a) => !core.includes(a)), 5);
  // Now and then something outside the usual genres.
  const discovery = monthly.sample(catalogue.artists.filter((a) => catalogue.albumsByArtist.has(a.id)), 2);
  return [...core, ...rotating, ...discovery];
}

export function tracksOf(catalogue: Catalogue, artist: SimArtist): SimTrack[] {
  return (catalogue.albumsByArtist.get(artist.id) ?? []).flatMap((album) => album.trackIds.map((id) => catalogue.trackById.get(id)!));
}

/** The tracks a listener habitually skips: from artists with none of their favourite genres. */
export function habitualSkipTracks(catalogue: Catalogue, listener: SimListener): SimTrack[] {
  const count = listener.habits.habitualSkips ?? 0;
  if (count === 0) return [];
  const genres = new Set(listener.habits.favouriteGenres);
  const strangers = catalogue.artists.filter((artist) => catalogue.albumsByArtist.has(artist.id) && !artist.genres.some((genre) => genres.has(genre)));
  return new SeededRandom(`${catalogue.seed}:${listener.id}:habitual-skips`).sample(strangers.flatMap((artist) => tracksOf(catalogue, artist)), count);
}

interface SessionPlan {
  tracks: SimTrack[];
  albumId?: string;
}

function planSession(catalogue: Catalogue, listener: SimListener, favourites: SimArtist[], random: SeededRandom, length: number): SessionPlan {
  if (random.chance(listener.habits.albumSessionShare)) {
    const artist = random.pick(favourites.slice(0, 8));
    const albums = (catalogue.albumsByArtist.get(artist.id) ?? []).filter((a: SimAlbum) => a.trackIds.length > 1);
    if (albums.length > 0) {
      const album = random.pick(albums);
      // Usually from the first track; sometimes the listener joins midway.
      const start = random.chance(0.8) ? 0 : random.int(0, album.trackIds.length - 1);
      const ids = album.trackIds.slice(start, start + Math.max(length, album.trackIds.length));
      return { tracks: ids.map((id) => catalogue.trackById.get(id)!), albumId: album.id };
    }
  }
  // Favourites earlier in the list are played more often.
  const weights = favourites.map((_, i) => (i < 3 ? 4 : i < 8 ? 2 : 1));
  const tracks: SimTrack[] = [];
  for (let i = 0; i < length; i += 1) {
    const candidates = tracksOf(catalogue, favourites[random.weightedIndex(weights)]);
    if (candidates.length > 0) tracks.push(random.pick(candidates));
  }
  return { tracks };
}

function playsOf(plan: SessionPlan, startMs: number, listener: SimListener, random: SeededRandom): SimPlay[] {
  const plays: SimPlay[] = [];
  let clock = startMs;
  for (const track of plan.tracks) {
    const skipped = random.chance(listener.habits.skipRate);
    // Most plays run to the end; a few stop a little early.
    const msPlayed = skipped
      ? random.int(1_500, 29_000)
      : random.chance(0.1)
        ? Math.round(track.durationMs * (0.6 + random.next() * 0.35))
        : track.durationMs;
    clock += msPlayed;
    plays.push({ trackId: track.id, playedAt: new Date(clock), msPlayed, contextAlbumId: plan.albumId });
    clock += random.int(0, 2_500);
  }
  return plays;
}

function playsOnLocalDate(catalogue: Catalogue, listener: SimListener, date: string): SimPlay[] {
  const random = new SeededRandom(`${catalogue.seed}:${listener.id}:day:${date}`);
  const { habits } = listener;
  if (random.chance(habits.restDayRate)) return [];
  const weekend = isoWeekday(date) >= 6;
  const [minSessions, maxSessions] = weekend ? habits.sessionsPerWeekendDay : habits.sessionsPerWeekday;
  const sessionCount = random.int(minSessions, maxSessions);
  const midnight = localMidnightMs(date, listener.timeZone);
  const favourites = favouriteArtists(catalogue, listener, date.slice(0, 7));
  const starts = Array.from({ length: sessionCount }, () => {
    const hour = random.weightedIndex(habits.hourWeights);
    return midnight + hour * 3_600_000 + random.int(0, 3_599_999);
  }).sort((a, b) => a - b);
  const plays: SimPlay[] = [];
  // Habitual skips draw from their own stream, so the rest of the day stays what it always was.
  const skipTracks = habitualSkipTracks(catalogue, listener);
  const skipRandom = new SeededRandom(`${catalogue.seed}:${listener.id}:day:${date}:habitual-skips`);
  for (const plannedStart of starts) {
    // Sessions never overlap: a session planned during the previous one starts after it.
    const previousEnd = plays.length > 0 ? plays[plays.length - 1].playedAt.getTime() + 60_000 : -Infinity;
    const start = Math.max(plannedStart, previousEnd);
    const length = random.int(habits.playsPerSession[0], habits.playsPerSession[1]);
    if (skipTracks.length > 0 && skipRandom.chance(0.35)) {
      // Started and skipped within seconds, ending just before the session proper begins.
      const msPlayed = skipRandom.int(2_000, 20_000);
      plays.push({ trackId: skipRandom.pick(skipTracks).id, playedAt: new Date(start - 1_000), msPlayed });
    }
    plays.push(...playsOf(planSession(catalogue, listener, favourites, random, length), start, listener, random));
  }
  return plays;
}

/**
 * A listener's plays with `from <= playedAt < to`, oldest first. Includes skips (msPlayed
 * below 30 s), which Spotify's recently-played endpoint leaves out but data exports contain.
 */
export function generateListenerPlays(catalogue: Catalogue, listener: SimListener, range: { from: Date; to: Date }): SimPlay[] {
  const fromMs = range.from.getTime();
  const toMs = range.to.getTime();
  const plays: SimPlay[] = [];
  // Start a day early: a session begun the evening before can end inside the range.
  let date = addDays(localDateOf(fromMs, listener.timeZone), -1);
  const lastDate = localDateOf(toMs, listener.timeZone);
  for (; date <= lastDate; date = addDays(date, 1)) {
    for (const play of playsOnLocalDate(catalogue, listener, date)) {
      const at = play.playedAt.getTime();
      if (at >= fromMs && at < toMs) plays.push(play);
    }
  }
  // Late sessions of one day can run past the early ones of the next; keep time order strict.
  return plays.sort((a, b) => a.playedAt.getTime() - b.playedAt.getTime());
}

/**
 * `count` more back-to-back plays (all full streams) ending at `endAt`, in the listener's
 * current taste; `key` varies the choice between calls. Used when a test makes time move.
 */
export function generateFollowUpPlays(
  catalogue: Catalogue,
  listener: SimListener,
  options: { count: number; endAt: Date; key: string },
): SimPlay[] {
  const random = new SeededRandom(`${catalogue.seed}:${listener.id}:follow-up:${options.key}`);
  const favourites = favouriteArtists(catalogue, listener, localDateOf(options.endAt.getTime(), listener.timeZone).slice(0, 7));
  const tracks: SimPlay[] = [];
  while (tracks.length < options.count) {
    const plan = planSession(catalogue, listener, favourites, random, options.count - tracks.length);
    for (const track of plan.tracks.slice(0, options.count - tracks.length)) {
      tracks.push({ trackId: track.id, playedAt: new Date(0), msPlayed: track.durationMs, contextAlbumId: plan.albumId });
    }
  }
  // Lay them out backwards from endAt so the newest ends exactly then.
  let clock = options.endAt.getTime();
  for (let i = tracks.length - 1; i >= 0; i -= 1) {
    tracks[i].playedAt = new Date(clock);
    clock -= tracks[i].msPlayed + 1_000;
  }
  return tracks;
}
