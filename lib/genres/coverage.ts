/**
 * Where the genres of one user's artists come from (SPEC 12), for the genres page, the settings
 * and the status page: the artists credited on the tracks they streamed, how many have genres
 * from Spotify or MusicBrainz and how many none yet, and the state of the MusicBrainz lookups
 * about them (pending, found, not found) with the queue's pause. Only counts about the user's
 * own artists: the catalogue is shared, and nobody learns what others play.
 */
import type { Db } from "@/lib/db/client";
import { IS_STREAM } from "@/lib/stats/sql";
import { lookupDue, WITHOUT_SPOTIFY_GENRES } from "@/lib/musicbrainz/due";
import { readGenresSetting, type GenresSetting } from "@/lib/musicbrainz/config";
import { PAUSED_UNTIL_KEY, pausedUntilOf } from "@/lib/musicbrainz/queue";
import { figuresCache } from "@/lib/stats/figures-cache";

export type GenreCoverage = {
  /** GENRES: whether MusicBrainz is asked at all. */
  setting: GenresSetting;
  /** Distinct artists credited on the user's streamed tracks. */
  artists: number;
  withoutGenres: number;
  /** Of those without genres, the ones a MusicBrainz lookup is due for (the others: none found, asked again later). */
  withoutGenresPending: number;
  fromSpotify: number;
  fromMusicBrainz: number;
  lookups: {
    /** Due for a MusicBrainz lookup (never asked, or asked long enough ago). */
    pending: number;
    /** Looked up and found (with or without genres). */
    found: number;
    /** Looked up and not found, or only ambiguously by name. */
    notFound: number;
  };
  /** The queue waits for MusicBrainz's Retry-After until then. */
  pausedUntil: Date | null;
};

type Row = { paused_until: unknown; artists: bigint; without_genres: bigint; without_genres_pending: bigint; from_spotify: bigint; from_musicbrainz: bigint; pending: bigint; found: bigint; not_found: bigint };

export async function getGenreCoverage(db: Db, userId: string, now: Date = new Date()): Promise<GenreCoverage> {
  const [row] = await db.$queryRaw<Row[]>`
      WITH rolled_up AS (SELECT EXISTS (SELECT 1 FROM stats_rollup_state WHERE user_id = ${userId}) AS yes),
      -- The all-time track buckets when the user has rollups (a few thousand rows), else the plays themselves.
      own AS (
        SELECT ta.artist_id
        FROM stats_track_buckets b JOIN track_artists ta ON ta.track_id = b.track_id
        WHERE b.user_id = ${userId} AND b.grain = 'a' AND (SELECT yes FROM rolled_up)
        UNION
        SELECT ta.artist_id
        FROM plays p JOIN track_artists ta ON ta.track_id = p.track_id
        WHERE p.user_id = ${userId} AND ${IS_STREAM} AND NOT (SELECT yes FROM rolled_up)
      )
      SELECT (SELECT s.value FROM app_state s WHERE s.key = ${PAUSED_UNTIL_KEY}) AS paused_until,
             count(*) AS artists,
             count(*) FILTER (WHERE cardinality(a.genres) = 0) AS without_genres,
             count(*) FILTER (WHERE cardinality(a.genres) = 0 AND ${WITHOUT_SPOTIFY_GENRES} AND ${lookupDue(now)}) AS without_genres_pending,
             count(*) FILTER (WHERE cardinality(a.genres) > 0 AND a.genres_source IS DISTINCT FROM 'musicbrainz') AS from_spotify,
             count(*) FILTER (WHERE cardinality(a.genres) > 0 AND a.genres_source = 'musicbrainz') AS from_musicbrainz,
             count(*) FILTER (WHERE ${WITHOUT_SPOTIFY_GENRES} AND ${lookupDue(now)}) AS pending,
             count(*) FILTER (WHERE ${WITHOUT_SPOTIFY_GENRES} AND NOT ${lookupDue(now)} AND a.musicbrainz_id IS NOT NULL) AS found,
             count(*) FILTER (WHERE ${WITHOUT_SPOTIFY_GENRES} AND NOT ${lookupDue(now)} AND a.musicbrainz_id IS NULL) AS not_found
      FROM own JOIN artists a ON a.id = own.artist_id`;
  const pausedUntil = pausedUntilOf(row.paused_until);
  return {
    setting: readGenresSetting(),
    artists: Number(row.artists),
    withoutGenres: Number(row.without_genres),
    withoutGenresPending: Number(row.without_genres_pending),
    fromSpotify: Number(row.from_spotify),
    fromMusicBrainz: Number(row.from_musicbrainz),
    lookups: { pending: Number(row.pending), found: Number(row.found), notFound: Number(row.not_found) },
    pausedUntil: pausedUntil && pausedUntil > now ? pausedUntil : null,
  };
}

const coverages = figuresCache<GenreCoverage>("genre-coverage", 64);

/**
 * The coverage for pages (genres, year in review, settings, status), through a figures cache
 * (lib/stats/figures-cache.ts): the user's artists change only with their data version, and the
 * MusicBrainz lookups and their pause change in collection runs, whose end is part of it too.
 * What only time changes (a lookup falling due again, a pause running out) shows within
 * CATALOGUE_TTL_MS, as the report's genres do. A share's snapshot reads it live.
 */
export function getCachedGenreCoverage(db: Db, userId: string): Promise<GenreCoverage> {
  return coverages.get(db, userId, [], () => getGenreCoverage(db, userId));
}
