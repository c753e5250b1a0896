/**
 * Stores what Spotify says about tracks (a recently-played item's `track`, or GET /v1/tracks/{id}):
 * the track, its album and its credited artists in order. Rows an export created provisionally
 * for the same album or album artist (`local:` ids) are merged into the Spotify rows here, so
 * both ingestion and enrichment resolve them the moment the real ids are known.
 */
import type { Prisma } from "@/lib/db/generated/client";
import type { SpotifyTrack } from "@/lib/spotify";
import { provisionalAlbumId, provisionalArtistId } from "./provisional-ids";

/** A Prisma client or interactive transaction: only raw SQL is used. */
export type CatalogDb = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

/**
 * Returns the tracks whose credited artists changed (the given ones, and tracks moved from a
 * provisional artist to the Spotify one): lib/stats wants `refreshRollupsForTracks` for them.
 */
export async function upsertCatalog(tx: CatalogDb, tracks: readonly SpotifyTrack[], now: Date = new Date()): Promise<{ recreditedTrackIds: string[] }> {
  const byId = new Map<string, SpotifyTrack>();
  for (const track of tracks) byId.set(track.id, track);
  if (byId.size === 0) return { recreditedTrackIds: [] };

  const artistNames = new Map<string, string>();
  const albums = new Map<string, SpotifyTrack["album"]>();
  // provisional id -> Spotify id; the first Spotify row seen for a name wins.
  const albumMerges = new Map<string, string>();
  const artistMerges = new Map<string, string>();
  for (const track of byId.values()) {
    albums.set(track.album.id, track.album);
    for (const artist of [...track.artists, ...track.album.artists]) {
      artistNames.set(artist.id, artist.name);
      const local = provisionalArtistId(artist.name);
      if (!artistMerges.has(local)) artistMerges.set(local, artist.id);
    }
    const albumArtist = track.album.artists[0]?.name;
    if (albumArtist !== undefined) {
      const local = provisionalAlbumId(track.album.name, albumArtist);
      if (!albumMerges.has(local)) albumMerges.set(local, track.album.id);
    }
  }

  // Rows are written in id order so concurrent ingestions lock them in the same order (no deadlocks).
  const artistList = [...artistNames].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await tx.$executeRaw`
    INSERT INTO artists (id, name)
    SELECT * FROM unnest(${artistList.map(([id]) => id)}::text[], ${artistList.map(([, name]) => name)}::text[])
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`;

  const albumList = [...albums.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await tx.$executeRaw`
    INSERT INTO albums (id, name, total_tracks, image_url, release_date, artist_name)
    SELECT * FROM unnest(
      ${albumList.map((a) => a.id)}::text[], ${albumList.map((a) => a.name)}::text[],
      ${albumList.map((a) => a.total_tracks)}::int[], ${albumList.map((a) => a.images[0]?.url ?? null)}::text[],
      ${albumList.map((a) => a.release_date)}::text[], ${albumList.map((a) => a.artists[0]?.name ?? null)}::text[])
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, total_tracks = EXCLUDED.total_tracks,
      image_url = COALESCE(EXCLUDED.image_url, albums.image_url), release_date = EXCLUDED.release_date,
      artist_name = EXCLUDED.artist_name`;

  const repointed = await mergeProvisionalRows(tx, albumMerges, artistMerges);

  const trackList = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await tx.$executeRaw`
    INSERT INTO tracks (id, name, duration_ms, album_id, enriched_at)
    SELECT t.id, t.name, t.duration_ms, t.album_id, ${now}::timestamptz
    FROM unnest(${trackList.map((t) => t.id)}::text[], ${trackList.map((t) => t.name)}::text[],
      ${trackList.map((t) => t.duration_ms)}::int[], ${trackList.map((t) => t.album.id)}::text[])
      AS t(id, name, duration_ms, album_id)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, duration_ms = EXCLUDED.duration_ms,
      album_id = EXCLUDED.album_id, enriched_at = EXCLUDED.enriched_at, spotify_missing_at = NULL`;

  const credits = trackList.flatMap((track) => track.artists.map((artist, position) => ({ trackId: track.id, position, artistId: artist.id })));
  await tx.$executeRaw`DELETE FROM track_artists WHERE track_id = ANY(${trackList.map((t) => t.id)}::text[])`;
  await tx.$executeRaw`
    INSERT INTO track_artists (track_id, position, artist_id)
    SELECT * FROM unnest(${credits.map((c) => c.trackId)}::text[], ${credits.map((c) => c.position)}::int[],
      ${credits.map((c) => c.artistId)}::text[])
    ON CONFLICT DO NOTHING`;
  return { recreditedTrackIds: [...new Set([...byId.keys(), ...repointed])] };
}

/**
 * Repoints every track from a provisional album or artist to its Spotify row, then deletes the
 * provisional rows nothing refers to any more. Other tracks of the same provisional album keep
 * pointing at the right album before their own enrichment.
 */
async function mergeProvisionalRows(tx: CatalogDb, albumMerges: Map<string, string>, artistMerges: Map<string, string>): Promise<string[]> {
  const localAlbums = [...albumMerges.keys()];
  const localArtists = [...artistMerges.keys()];
  await tx.$executeRaw`
    UPDATE tracks SET album_id = m.spotify_id
    FROM unnest(${localAlbums}::text[], ${[...albumMerges.values()]}::text[]) AS m(local_id, spotify_id)
    WHERE tracks.album_id = m.local_id`;
  await tx.$executeRaw`
    DELETE FROM albums WHERE id = ANY(${localAlbums}::text[])
      AND NOT EXISTS (SELECT 1 FROM tracks WHERE tracks.album_id = albums.id)`;
  // A track credited to both the provisional and the Spotify artist would get the same artist
  // twice; its provisional credit is simply dropped in that case.
  const dropped = await tx.$queryRaw<{ track_id: string }[]>`
    DELETE FROM track_artists ta
    USING unnest(${localArtists}::text[], ${[...artistMerges.values()]}::text[]) AS m(local_id, spotify_id)
    WHERE ta.artist_id = m.local_id
      AND EXISTS (SELECT 1 FROM track_artists other WHERE other.track_id = ta.track_id AND other.artist_id = m.spotify_id)
    RETURNING ta.track_id`;
  const moved = await tx.$queryRaw<{ track_id: string }[]>`
    UPDATE track_artists SET artist_id = m.spotify_id
    FROM unnest(${localArtists}::text[], ${[...artistMerges.values()]}::text[]) AS m(local_id, spotify_id)
    WHERE track_artists.artist_id = m.local_id
    RETURNING track_artists.track_id`;
  // Follows of a provisional artist move to the Spotify one (SPEC 5c): the same artist, now known.
  await tx.$executeRaw`
    WITH moved AS (
      DELETE FROM follows f USING unnest(${localArtists}::text[], ${[...artistMerges.values()]}::text[]) AS m(local_id, spotify_id)
      WHERE f.artist_id = m.local_id
      RETURNING f.user_id, m.spotify_id, f.created_at
    )
    INSERT INTO follows (user_id, artist_id, created_at) SELECT user_id, spotify_id, created_at FROM moved
    ON CONFLICT (user_id, artist_id) DO NOTHING`;
  await tx.$executeRaw`
    DELETE FROM artists WHERE id = ANY(${localArtists}::text[])
      AND NOT EXISTS (SELECT 1 FROM track_artists WHERE track_artists.artist_id = artists.id)`;
  return [...dropped, ...moved].map((row) => row.track_id);
}
