/**
 * The MusicBrainz genres queue (SPEC 12): artists without genres from Spotify, looked up after
 * the run's Spotify work within MUSICBRAINZ_RUN_BUDGET requests and the run's time. Persisted in
 * the artists themselves (an interrupted run leaves the rest due, and an MBID already found is
 * not searched again); one process at a time works on it (a lease in app_state), the others
 * leave it; a long 503 Retry-After pauses it for every process.
 *
 * For each artist: its MBID through the Spotify URL relationship (Spotify ids only), else an
 * exact-name search; then the artist's genres. Listened-to artists come first, so top genres
 * fill first.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { isProvisionalId } from "@/lib/catalog";
import type { MusicBrainzBudget, MusicBrainzClient } from "./client";
import { dueForLookup } from "./due";
import {
  MusicBrainzApiError,
  MusicBrainzBudgetExhaustedError,
  MusicBrainzDeadlineError,
  MusicBrainzInvalidResponseError,
  MusicBrainzRateLimitedError,
  MusicBrainzTransientError,
} from "./errors";
import { postponeLookup, rememberMusicBrainzId, storeLookupOutcome } from "./store";

export const PAUSED_UNTIL_KEY = "musicbrainz.pausedUntil";
export const LEASE_KEY = "musicbrainz.lease";
/** A lease outlives its run's deadline by this much, in case the holder dies without letting go. */
const LEASE_GRACE_SECONDS = 60;
/** Most artists one run considers (a budget of 60 covers ~30). */
const MAX_BATCH = 1000;

export type AdvanceMusicBrainzOptions = {
  db: Db;
  client: MusicBrainzClient;
  budget: MusicBrainzBudget;
  /** No lookup starts after this instant. */
  deadline?: Date;
  now?: () => Date;
  /** Users whose artists go first (after never-looked-up ones): a sign-in's first collection. */
  preferUserIds?: string[];
};

export type AdvanceMusicBrainzResult = {
  /** Artists whose lookup finished in this run. */
  lookedUp: number;
  withGenres: number;
  /** Found on MusicBrainz without genres. */
  withoutGenres: number;
  /** Not found, or only ambiguously by name. */
  notFound: number;
  /** Lookups that failed and wait for their retry time. */
  failed: number;
  requests: number;
  stoppedBy: "empty" | "budget" | "deadline" | "paused" | "busy" | "unavailable";
  pausedUntil: Date | null;
  error?: string;
};

type DueArtist = { id: string; name: string; musicbrainzId: string | null };

export async function readPausedUntil(db: Db): Promise<Date | null> {
  const row = await db.appState.findUnique({ where: { key: PAUSED_UNTIL_KEY } });
  return pausedUntilOf(row?.value);
}

/** The stored value of PAUSED_UNTIL_KEY as an instant (null when absent or unreadable). */
export function pausedUntilOf(value: unknown): Date | null {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;
}

/**
 * Due artists, never-looked-up ones first; then those the preferred users streamed; then each
 * listener's most streamed artists in turn (every listener's first before anyone's second, so a
 * light listener's genres do not wait behind a heavy one's whole catalogue); then by streams
 * over every listener, then id.
 */
async function dueArtists(db: Db, now: Date, limit: number, preferUserIds: string[]): Promise<DueArtist[]> {
  return db.$queryRaw<DueArtist[]>`
    WITH due AS (
      SELECT a.id, a.name, a.musicbrainz_id, a.musicbrainz_checked_at IS NOT NULL AS checked
      FROM artists a
      WHERE ${dueForLookup(now)}
    ), per_listener AS (
      SELECT b.user_id, due.id AS artist_id, due.checked, sum(b.streams)::bigint AS streams
      FROM stats_track_buckets b JOIN track_artists ta ON ta.track_id = b.track_id JOIN due ON due.id = ta.artist_id
      WHERE b.grain = 'a'
      GROUP BY b.user_id, due.id, due.checked
    ), listened AS (
      SELECT artist_id, sum(streams)::bigint AS streams, bool_or(user_id = ANY(${preferUserIds}::text[])) AS preferred, min(turn) AS turn
      FROM (SELECT *, row_number() OVER (PARTITION BY user_id, checked ORDER BY streams DESC, artist_id) AS turn FROM per_listener) ranked
      GROUP BY artist_id
    )
    SELECT due.id, due.name, due.musicbrainz_id AS "musicbrainzId"
    FROM due LEFT JOIN listened l ON l.artist_id = due.id
    ORDER BY due.checked, l.preferred IS NOT TRUE, l.turn NULLS LAST, l.streams DESC NULLS LAST, due.id
    LIMIT ${limit}`;
}

async function takeLease(db: Db, holder: string, seconds: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ key: string }[]>`
    INSERT INTO app_state (key, value, updated_at)
    VALUES (${LEASE_KEY}, jsonb_build_object('holder', ${holder}::text, 'until', clock_timestamp() + make_interval(secs => ${seconds}::float8)), clock_timestamp())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
    WHERE (app_state.value ->> 'until')::timestamptz < clock_timestamp() OR app_state.value ->> 'holder' = ${holder}
    RETURNING key`;
  return rows.length === 1;
}

async function releaseLease(db: Db, holder: string): Promise<void> {
  await db.$executeRaw`DELETE FROM app_state WHERE key = ${LEASE_KEY} AND value ->> 'holder' = ${holder}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0].slice(0, 500) : String(error);
}

export async function advanceMusicBrainz(options: AdvanceMusicBrainzOptions): Promise<AdvanceMusicBrainzResult> {
  const { db, client, budget, deadline } = options;
  const now = options.now ?? (() => new Date());
  const startedWith = budget.used;
  const result: AdvanceMusicBrainzResult = { lookedUp: 0, withGenres: 0, withoutGenres: 0, notFound: 0, failed: 0, requests: 0, stoppedBy: "empty", pausedUntil: null };
  const finish = (stoppedBy: AdvanceMusicBrainzResult["stoppedBy"], extra: Partial<AdvanceMusicBrainzResult> = {}) => ({
    ...result,
    ...extra,
    stoppedBy,
    requests: budget.used - startedWith,
  });

  const pausedUntil = await readPausedUntil(db);
  if (pausedUntil && pausedUntil > now()) return finish("paused", { pausedUntil });
  if (budget.remaining <= 0) return finish("budget");

  const holder = randomUUID();
  const leaseSeconds = (deadline ? Math.max(0, deadline.getTime() - now().getTime()) / 1000 : 600) + LEASE_GRACE_SECONDS;
  if (!(await takeLease(db, holder, leaseSeconds))) return finish("busy");
  try {
    const artists = await dueArtists(db, now(), Math.min(MAX_BATCH, budget.remaining), options.preferUserIds ?? []);
    for (const artist of artists) {
      if (deadline && now() >= deadline) return finish("deadline");
      const provisional = isProvisionalId(artist.id);
      // Started only when the longest path fits: a lookup is never cut by the budget halfway.
      const needed = artist.musicbrainzId ? 1 : provisional ? 2 : 3;
      if (budget.remaining < needed) return finish("budget");
      try {
        let mbid = artist.musicbrainzId;
        if (!mbid) {
          // Provisional artists (from an import, not yet resolved) have no Spotify URL to ask about.
          if (!provisional) mbid = await client.findArtistBySpotifyId(artist.id);
          if (!mbid) {
            const search = await client.searchArtistByName(artist.name);
            if (search.kind === "found") mbid = search.mbid;
          }
          if (!mbid) {
            await storeLookupOutcome(db, artist.id, { mbid: null, genres: [] }, now());
            result.lookedUp += 1;
            result.notFound += 1;
            continue;
          }
          await rememberMusicBrainzId(db, artist.id, mbid);
        }
        const genres = await client.getArtistGenres(mbid);
        // An MBID MusicBrainz no longer knows (deleted): not found, and searched afresh next time.
        await storeLookupOutcome(db, artist.id, { mbid: genres === null ? null : mbid, genres: genres ?? [] }, now());
        result.lookedUp += 1;
        if (genres === null) result.notFound += 1;
        else if (genres.length === 0) result.withoutGenres += 1;
        else result.withGenres += 1;
      } catch (error) {
        if (error instanceof MusicBrainzBudgetExhaustedError) return finish("budget");
        if (error instanceof MusicBrainzDeadlineError) return finish("deadline");
        if (error instanceof MusicBrainzRateLimitedError) {
          await db.appState.upsert({
            where: { key: PAUSED_UNTIL_KEY },
            create: { key: PAUSED_UNTIL_KEY, value: error.retryAt.toISOString() },
            update: { value: error.retryAt.toISOString() },
          });
          return finish("paused", { pausedUntil: error.retryAt, error: describe(error) });
        }
        if (error instanceof MusicBrainzTransientError || (error instanceof MusicBrainzApiError && error.status === 403)) {
          // MusicBrainz is unreachable, failing, or refuses this install (403: its User-Agent):
          // this artist waits, and so does the rest of the run.
          await postponeLookup(db, artist.id, now());
          result.failed += 1;
          return finish("unavailable", { error: describe(error) });
        }
        if (error instanceof MusicBrainzInvalidResponseError || error instanceof MusicBrainzApiError) {
          // About this artist's answer: it waits, the others go on.
          console.error(`MusicBrainz lookup of artist ${artist.id} postponed: ${describe(error)}`);
          await postponeLookup(db, artist.id, now());
          result.failed += 1;
          continue;
        }
        throw error;
      }
    }
    return finish("empty");
  } finally {
    await releaseLease(db, holder);
  }
}
