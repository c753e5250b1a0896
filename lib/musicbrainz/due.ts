/**
 * Which artists the MusicBrainz queue still wants (SPEC 12), as one SQL condition on `artists a`
 * shared by the queue and the status counts: artists without Spotify genres (Spotify's win when
 * present), never looked up, or looked up long enough ago: 30 days when nothing was found (or
 * no genres), 180 days when genres were; not while a failed lookup waits for its retry time.
 */
import { Prisma } from "@/lib/db/generated/client";

export const RECHECK_WITHOUT_GENRES_DAYS = 30;
export const RECHECK_WITH_GENRES_DAYS = 180;

/** Artists whose genres MusicBrainz may give: none from Spotify (a row with genres and no source holds Spotify's, from before sources were kept). */
export const WITHOUT_SPOTIFY_GENRES = Prisma.sql`(a.genres_source = 'musicbrainz' OR (a.genres_source IS NULL AND cardinality(a.genres) = 0))`;

/** The lookup's retry age has passed (or it never ran). */
export function lookupDue(now: Date): Prisma.Sql {
  return Prisma.sql`(a.musicbrainz_checked_at IS NULL OR a.musicbrainz_checked_at <= ${now}::timestamptz - make_interval(days =>
    CASE WHEN a.genres_source = 'musicbrainz' AND cardinality(a.genres) > 0 THEN ${RECHECK_WITH_GENRES_DAYS}::int ELSE ${RECHECK_WITHOUT_GENRES_DAYS}::int END))`;
}

/** Everything the queue would look up at `now`. */
export function dueForLookup(now: Date): Prisma.Sql {
  return Prisma.sql`${WITHOUT_SPOTIFY_GENRES} AND ${lookupDue(now)} AND (a.musicbrainz_retry_at IS NULL OR a.musicbrainz_retry_at <= ${now}::timestamptz)`;
}
