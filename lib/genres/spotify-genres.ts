/**
 * Spotify's genres of an artist (GET /v1/artists/{id}), stored by the source rule of SPEC 12:
 * a non-empty list wins over MusicBrainz's (extended-quota apps); an empty or absent one (every
 * development-mode app since 2026) leaves MusicBrainz's genres in place, and clears genres that
 * came from Spotify before, so that MusicBrainz is asked for them.
 */
import type { Db } from "@/lib/db/client";

type Executor = Pick<Db, "$executeRaw">;

export async function storeSpotifyGenres(db: Executor, artistId: string, genres: readonly string[] | undefined): Promise<void> {
  const given = [...new Set(genres ?? [])];
  const fromSpotify = given.length > 0;
  await db.$executeRaw`
    UPDATE artists SET
      genres = CASE WHEN ${fromSpotify} THEN ${given}::text[] WHEN genres_source = 'musicbrainz' THEN genres ELSE '{}'::text[] END,
      genres_source = CASE WHEN ${fromSpotify} THEN 'spotify' WHEN genres_source = 'musicbrainz' THEN genres_source ELSE NULL END
    WHERE id = ${artistId}`;
}
