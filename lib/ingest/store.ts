/**
 * Storing one recently-played response: its tracks, albums and credited artists, its plays
 * (one statement for the whole response, ON CONFLICT on (user, track, played_at) so overlapping
 * runs store each play once), and the user's cursor, all in one transaction. The cursor only
 * moves forward (GREATEST), so a slower concurrent run can never move it back.
 */
import type { Db } from "@/lib/db/client";
import type { SpotifyPlayHistoryItem, SpotifyTrack } from "@/lib/spotify";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type StoredResponse = { inserted: number; newestPlayedAt: Date | null };

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(key(item), item);
  // Sorted keys: concurrent transactions lock catalogue rows in the same order (no deadlocks).
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}

/** Upserts the catalogue rows of full Spotify track objects (recently-played or GET /v1/tracks/{id}). */
export async function upsertSpotifyTracks(tx: Tx, tracks: SpotifyTrack[]): Promise<void> {
  if (!tracks.length) return;
  const uniqueTracks = uniqueBy(tracks, (track) => track.id);
  const albums = uniqueBy(uniqueTracks.map((track) => track.album), (album) => album.id);
  const artists = uniqueBy(uniqueTracks.flatMap((track) => track.artists), (artist) => artist.id);
  await tx.$executeRaw`
    INSERT INTO albums (id, name, total_tracks, image_url, release_date)
    SELECT * FROM unnest(${albums.map((a) => a.id)}::text[], ${albums.map((a) => a.name)}::text[],
      ${albums.map((a) => a.total_tracks)}::int[], ${albums.map((a) => a.images[0]?.url ?? null)}::text[],
      ${albums.map((a) => a.release_date)}::text[])
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, total_tracks = EXCLUDED.total_tracks,
      image_url = COALESCE(EXCLUDED.image_url, albums.image_url), release_date = EXCLUDED.release_date`;
  await tx.$executeRaw`
    INSERT INTO artists (id, name)
    SELECT * FROM unnest(${artists.map((a) => a.id)}::text[], ${artists.map((a) => a.name)}::text[])
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`;
  await tx.$executeRaw`
    INSERT INTO tracks (id, name, duration_ms, album_id, enriched_at)
    SELECT id, name, duration_ms, album_id, now() FROM unnest(${uniqueTracks.map((t) => t.id)}::text[],
      ${uniqueTracks.map((t) => t.name)}::text[], ${uniqueTracks.map((t) => t.duration_ms)}::int[],
      ${uniqueTracks.map((t) => t.album.id)}::text[]) AS u(id, name, duration_ms, album_id)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, duration_ms = EXCLUDED.duration_ms,
      album_id = EXCLUDED.album_id, enriched_at = EXCLUDED.enriched_at`;
  const credits = uniqueTracks.flatMap((track) => track.artists.map((artist, position) => ({ trackId: track.id, position, artistId: artist.id })));
  await tx.$executeRaw`
    INSERT INTO track_artists (track_id, position, artist_id)
    SELECT * FROM unnest(${credits.map((c) => c.trackId)}::text[], ${credits.map((c) => c.position)}::int[], ${credits.map((c) => c.artistId)}::text[])
    ON CONFLICT (track_id, position) DO UPDATE SET artist_id = EXCLUDED.artist_id`;
  // Credits beyond Spotify's list (e.g. a provisional credit from an export) are dropped.
  await tx.$executeRaw`
    DELETE FROM track_artists ta USING unnest(${uniqueTracks.map((t) => t.id)}::text[], ${uniqueTracks.map((t) => t.artists.length)}::int[]) AS u(track_id, credits)
    WHERE ta.track_id = u.track_id AND ta.position >= u.credits`;
}

export async function storeRecentlyPlayed(db: Db, userId: string, items: SpotifyPlayHistoryItem[], now: Date): Promise<StoredResponse> {
  const newest = items.reduce<Date | null>((max, item) => {
    const at = new Date(item.played_at);
    return !max || at > max ? at : max;
  }, null);
  return db.$transaction(
    async (tx) => {
      await upsertSpotifyTracks(
        tx,
        items.map((item) => item.track),
      );
      const inserted = items.length
        ? await tx.$executeRaw`
            INSERT INTO plays (user_id, track_id, played_at, source)
            SELECT ${userId}, track_id, played_at, 'recently_played'::play_source
            FROM unnest(${items.map((item) => item.track.id)}::text[], ${items.map((item) => new Date(item.played_at))}::timestamptz[]) AS u(track_id, played_at)
            -- The same play imported from the data export carries a slightly different time (SPEC §4's 10 s rule).
            WHERE NOT EXISTS (
              SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = u.track_id
                AND p.played_at BETWEEN u.played_at - interval '10 seconds' AND u.played_at + interval '10 seconds')
            ON CONFLICT (user_id, track_id, played_at) DO NOTHING`
        : 0;
      await tx.$executeRaw`
        UPDATE users SET ingest_cursor = GREATEST(ingest_cursor, ${newest}::timestamptz), last_ingested_at = ${now}, updated_at = ${now}
        WHERE id = ${userId}`;
      return { inserted, newestPlayedAt: newest };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
