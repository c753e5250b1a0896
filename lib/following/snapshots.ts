/**
 * The cron run's stage for followed artists (SPEC 5c): within what is left of the run's request
 * budget, reads GET /v1/artists/{id} of every artist someone follows that has no snapshot for the
 * current UTC date yet (the least recently snapshotted first), and stores one snapshot per artist
 * and UTC date. Popularity and followers are null when Spotify leaves them out (development-mode
 * apps since February 2026); genres are Spotify's when it gives some, else the artist's genres
 * as Encore knows them (SPEC 12). What does not fit waits for the next run.
 */
import type { Db } from "@/lib/db/client";
import {
  SpotifyBudgetExhaustedError,
  SpotifyNotFoundError,
  SpotifyRateLimitedError,
  type RequestBudget,
  type SpotifyClient,
} from "@/lib/spotify";

export type SnapshotOptions = { db: Db; client: SpotifyClient; budget: RequestBudget; deadline: Date; now: () => Date };

/** Followed artists without a snapshot on the UTC date of `now`, least recently snapshotted first. */
export async function artistsDueForSnapshot(db: Db, now: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id
    FROM artists a
    LEFT JOIN LATERAL (SELECT max(s.date) AS last_date FROM artist_snapshots s WHERE s.artist_id = a.id) latest ON true
    WHERE a.id IN (SELECT f.artist_id FROM follows f)
      AND a.id NOT LIKE 'local:%'
      AND (latest.last_date IS NULL OR latest.last_date < (${now}::timestamptz AT TIME ZONE 'UTC')::date)
    ORDER BY latest.last_date ASC NULLS FIRST, a.id`;
  return rows.map((row) => row.id);
}

/** Returns how many snapshots were stored. A rate limit or the end of the budget stops the stage quietly. */
export async function snapshotFollowedArtists({ db, client, budget, deadline, now }: SnapshotOptions): Promise<number> {
  let stored = 0;
  for (const id of await artistsDueForSnapshot(db, now())) {
    if (budget.remaining <= 0 || now() >= deadline) break;
    let artist;
    try {
      artist = await client.getArtist(id);
    } catch (error) {
      if (error instanceof SpotifyBudgetExhaustedError || error instanceof SpotifyRateLimitedError) break;
      if (error instanceof SpotifyNotFoundError) continue; // gone from Spotify: nothing to store, asked again tomorrow
      throw error;
    }
    const takenAt = now();
    const spotifyGenres = artist.genres ?? [];
    await db.$transaction(async (tx) => {
      const known = await tx.artist.update({
        where: { id },
        data: { name: artist.name, imageUrl: artist.images[0]?.url ?? null, ...(spotifyGenres.length ? { genres: spotifyGenres } : {}) },
        select: { genres: true },
      });
      // Two runs at once: the first snapshot of the date stays.
      const inserted = await tx.$executeRaw`
        INSERT INTO artist_snapshots (artist_id, date, popularity, followers, genres, taken_at)
        VALUES (${id}, (${takenAt}::timestamptz AT TIME ZONE 'UTC')::date, ${artist.popularity ?? null}::int, ${artist.followers?.total ?? null}::int,
                ${spotifyGenres.length ? spotifyGenres : known.genres}::text[], ${takenAt})
        ON CONFLICT (artist_id, date) DO NOTHING`;
      stored += inserted;
    });
  }
  return stored;
}
