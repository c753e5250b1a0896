/**
 * Writes of the MusicBrainz queue on `artists`. Spotify genres win: a row whose genres came from
 * Spotify keeps them, whatever MusicBrainz says (the lookup is still recorded).
 */
import type { Db } from "@/lib/db/client";

type Executor = Pick<Db, "$executeRaw">;

/** The MBID is known before its genres are read: a run cut short between the two resumes with the genres. */
export async function rememberMusicBrainzId(db: Executor, artistId: string, mbid: string): Promise<void> {
  await db.$executeRaw`UPDATE artists SET musicbrainz_id = ${mbid} WHERE id = ${artistId}`;
}

/** A finished lookup: the artist found (with its top genres, perhaps none) or not found (mbid null). */
export async function storeLookupOutcome(db: Executor, artistId: string, outcome: { mbid: string | null; genres: string[] }, now: Date): Promise<void> {
  const source = outcome.genres.length > 0 ? "musicbrainz" : null;
  await db.$executeRaw`
    UPDATE artists SET
      genres = CASE WHEN genres_source = 'spotify' THEN genres ELSE ${outcome.genres}::text[] END,
      genres_source = CASE WHEN genres_source = 'spotify' THEN genres_source ELSE ${source} END,
      musicbrainz_id = ${outcome.mbid},
      musicbrainz_checked_at = ${now},
      musicbrainz_failures = 0,
      musicbrainz_retry_at = NULL
    WHERE id = ${artistId}`;
}

const RETRY_BASE_MS = 60 * 60_000;
const RETRY_MAX_MS = 30 * 24 * 60 * 60_000;

/** A lookup that failed (5xx, network, a malformed answer): tried again later, an hour, then doubling up to 30 days. */
export async function postponeLookup(db: Executor, artistId: string, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE artists SET
      musicbrainz_failures = musicbrainz_failures + 1,
      musicbrainz_retry_at = ${now}::timestamptz + make_interval(secs => least(${RETRY_MAX_MS / 1000}::float8, ${RETRY_BASE_MS / 1000}::float8 * power(2, musicbrainz_failures)))
    WHERE id = ${artistId}`;
}
