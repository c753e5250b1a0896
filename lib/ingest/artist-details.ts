/**
 * Genres (when Spotify gives them: lib/genres) and images come from GET /v1/artists/{id}, one call per artist (Spotify removed the
 * batch endpoint for development-mode apps): only for artists never read or read over 30 days ago.
 */
import type { Db } from "@/lib/db/client";
import { storeSpotifyGenres } from "@/lib/genres/spotify-genres";
import { SpotifyBudgetExhaustedError, SpotifyNotFoundError, type SpotifyClient } from "@/lib/spotify";

export const ARTIST_DETAILS_MAX_AGE_DAYS = 30;

export async function staleArtistIds(db: Db, artistIds: string[], now: Date): Promise<string[]> {
  if (!artistIds.length) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM artists
    WHERE id = ANY(${artistIds}::text[]) AND id NOT LIKE 'local:%' AND spotify_missing_at IS NULL
      AND (details_fetched_at IS NULL OR details_fetched_at < ${now}::timestamptz - make_interval(days => ${ARTIST_DETAILS_MAX_AGE_DAYS}))
    ORDER BY id`;
  return rows.map((row) => row.id);
}

/** Reads what it can within the client's budget; returns how many artists were updated. Rate limits propagate. */
export async function refreshArtistDetails(db: Db, client: SpotifyClient, artistIds: string[], now: Date): Promise<number> {
  let updated = 0;
  for (const id of await staleArtistIds(db, artistIds, now)) {
    try {
      const artist = await client.getArtist(id);
      await db.artist.update({
        where: { id },
        data: { name: artist.name, imageUrl: artist.images[0]?.url ?? null, detailsFetchedAt: now },
      });
      await storeSpotifyGenres(db, id, artist.genres);
      updated += 1;
    } catch (error) {
      if (error instanceof SpotifyBudgetExhaustedError) break;
      if (error instanceof SpotifyNotFoundError) {
        // Gone from Spotify: final, never asked again (as in the enrichment queue).
        await db.artist.update({ where: { id }, data: { detailsFetchedAt: now, spotifyMissingAt: now } });
        continue;
      }
      throw error;
    }
  }
  return updated;
}
