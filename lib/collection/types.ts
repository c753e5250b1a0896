/** The collection progress a signed-in page shows (lib/collection/status.ts), as served by GET /api/collection-status. */

/** Spotify details (durations, album track counts, credits, genres) the user's plays wait for, and those already read. */
export type DetailsProgress = {
  /** Tracks of the user's plays whose details are queued, or were read since the work began. */
  tracks: number;
  /** Artists credited on those plays, likewise. */
  artists: number;
  /** Of those tracks and artists, how many are read. */
  done: number;
  /** Still waiting (tracks + artists - done). */
  pending: number;
};

export type CollectionStatus = {
  /**
   * "plays": a run covering the user is reading their recently played tracks; "details": Spotify
   * details of their tracks and artists are still to be read; "idle": nothing is waiting.
   */
  state: "plays" | "details" | "idle";
  /** A run covering the user is in progress. */
  running: boolean;
  /** The details still wanted for the user's plays; null when none is. */
  details: DetailsProgress | null;
  /** When the details wait for Spotify (a long Retry-After, or retries later): when they resume (ISO). */
  resumesAt: string | null;
};

export const IDLE: CollectionStatus = { state: "idle", running: false, details: null, resumesAt: null };

/** How many plays one read of recently-played brings (Spotify's maximum; lib/ingest/run.ts RECENTLY_PLAYED_MAX). */
export const RECENT_PLAYS_READ = 50;

/**
 * How often a page asks again: often while a run works for the user, now and then while details
 * wait for the next run, not at all when nothing is pending or Spotify asked to wait.
 */
export function pollIntervalMs(status: CollectionStatus): number | false {
  if (status.running) return 2_000;
  if (status.details && !status.resumesAt) return 10_000;
  return false;
}
