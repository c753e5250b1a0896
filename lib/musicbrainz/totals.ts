/**
 * The MusicBrainz queue over the whole catalogue, for the operator (the demo's log), never shown
 * to a user: artists with MusicBrainz genres, found without, not found, and still due.
 */
import type { Db } from "@/lib/db/client";
import { lookupDue, WITHOUT_SPOTIFY_GENRES } from "./due";

export type MusicBrainzTotals = { withGenres: number; withoutGenres: number; notFound: number; pending: number };

export async function getMusicBrainzTotals(db: Db, now: Date = new Date()): Promise<MusicBrainzTotals> {
  const [row] = await db.$queryRaw<{ with_genres: bigint; without_genres: bigint; not_found: bigint; pending: bigint }[]>`
    SELECT count(*) FILTER (WHERE a.genres_source = 'musicbrainz') AS with_genres,
           count(*) FILTER (WHERE a.genres_source IS NULL AND a.musicbrainz_checked_at IS NOT NULL AND a.musicbrainz_id IS NOT NULL) AS without_genres,
           count(*) FILTER (WHERE a.genres_source IS NULL AND a.musicbrainz_checked_at IS NOT NULL AND a.musicbrainz_id IS NULL) AS not_found,
           count(*) FILTER (WHERE ${lookupDue(now)}) AS pending
    FROM artists a
    WHERE ${WITHOUT_SPOTIFY_GENRES}`;
  return { withGenres: Number(row.with_genres), withoutGenres: Number(row.without_genres), notFound: Number(row.not_found), pending: Number(row.pending) };
}
