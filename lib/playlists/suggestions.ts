/**
 * Pruning suggestions (SPEC §10): the rule, apart from the SQL that counts the plays it reads
 * (track-figures.ts), so the API, the pages and the CSV all apply the same one. A day is 24 h.
 */
export const DAY_MS = 86_400_000;
export const STREAM_MS = 30_000;
export const STREAM_WINDOW_DAYS = 90;
export const KNOWN_PLAYS_WINDOW_DAYS = 365;
export const OFTEN_SKIPPED_MIN_PLAYS = 5;
/** As a fraction 3/5, compared in integers: no rounding at the boundary. */
export const OFTEN_SKIPPED_SHARE = { numerator: 3, denominator: 5 } as const;
export const RARELY_PLAYED_MIN_AGE_DAYS = 60;

export type Suggestion = "often-skipped" | "rarely-played";

/** A track's plays by one user, counted at an instant `now`. */
export type TrackFigures = {
  /** Streams (msPlayed null or >= 30 s) in [now - 90 days, now). */
  streams90d: number;
  /** The latest stream before now, of all time. */
  lastStream: Date | null;
  /** Plays with a known msPlayed in [now - 365 days, now). */
  knownPlays365d: number;
  /** Of those, the ones under 30 s. */
  shortPlays365d: number;
};

/** The plays that bound when time alone changes figures counted at `now`: the earliest in each window, the first at or after `now`. */
export type FigureBounds = { first365d: Date | null; firstStream90d: Date | null; nextPlay: Date | null };

/**
 * The first instant (epoch ms; Infinity: never) after `now` at which figures counted at `now`
 * change with no new play: a play at p is in a window of D days ending before `now` while
 * p >= now - D days, that is until now = p + D days + 1 ms; one at or after `now` counts from
 * now = p + 1 ms.
 */
export function figuresChangeAt({ first365d, firstStream90d, nextPlay }: FigureBounds): number {
  return Math.min(
    first365d ? first365d.getTime() + KNOWN_PLAYS_WINDOW_DAYS * DAY_MS + 1 : Infinity,
    firstStream90d ? firstStream90d.getTime() + STREAM_WINDOW_DAYS * DAY_MS + 1 : Infinity,
    nextPlay ? nextPlay.getTime() + 1 : Infinity,
  );
}

export const NO_PLAYS: TrackFigures = { streams90d: 0, lastStream: null, knownPlays365d: 0, shortPlays365d: 0 };

export function skipRateOf(figures: TrackFigures): number | null {
  return figures.knownPlays365d === 0 ? null : figures.shortPlays365d / figures.knownPlays365d;
}

/**
 * `often-skipped` when at least 5 known plays and a skip rate of at least 0.6; else
 * `rarely-played` when added at least 60 days before `now` (an unknown date counts as long ago)
 * and not streamed in 90 days; else none.
 */
export function suggestionFor(figures: TrackFigures, addedAt: Date | null, now: Date): Suggestion | null {
  if (
    figures.knownPlays365d >= OFTEN_SKIPPED_MIN_PLAYS &&
    figures.shortPlays365d * OFTEN_SKIPPED_SHARE.denominator >= figures.knownPlays365d * OFTEN_SKIPPED_SHARE.numerator
  ) {
    return "often-skipped";
  }
  const addedLongAgo = addedAt === null || addedAt.getTime() <= now.getTime() - RARELY_PLAYED_MIN_AGE_DAYS * DAY_MS;
  return addedLongAgo && figures.streams90d === 0 ? "rarely-played" : null;
}
