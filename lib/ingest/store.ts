/**
 * Storing one recently-played response: its tracks, albums and credited artists first, then
 * its plays (one statement for the whole response, ON CONFLICT on (user, track, played_at) so
 * overlapping runs store each play once) and the user's cursor in one transaction. The cursor
 * only moves forward (GREATEST), so a slower concurrent run can never move it back.
 *
 * The catalogue is shared by every user: writing its rows locks them, so it is written only for
 * tracks whose stored rows differ from what Spotify sent (read without locks first), and in its
 * own short transaction, not held while the plays and rollups are written. Measured by
 * `npm run bench -- --only ingest`: with the catalogue inside the plays transaction, concurrent
 * users queued on the same popular rows and a 100-user run took ~40 s of which the store
 * transactions spent ~2.5 s each waiting.
 */
import type { Db } from "@/lib/db/client";
import { inPlainTransaction } from "@/lib/db/plain-transaction";
import { provisionalAlbumId, provisionalArtistId, upsertCatalog } from "@/lib/catalog";
import { isCataloguedPlay, type SpotifyPlayHistoryItem, type SpotifyTrack } from "@/lib/spotify";
import { refreshRollups, refreshRollupsForTracks } from "@/lib/stats/rollups";

type StoredTrackRow = {
  id: string;
  name: string;
  duration_ms: number | null;
  album_id: string | null;
  enriched: boolean;
  album_name: string | null;
  total_tracks: number | null;
  image_url: string | null;
  release_date: string | null;
  album_artist_name: string | null;
  credits: string[];
};

/**
 * The tracks whose catalogue rows (track, album, credits, artist names) are missing or differ
 * from Spotify's, or whose album or artists still have provisional rows to merge: exactly what
 * upsertCatalog would change. Plain reads, so they take no row locks.
 */
export async function tracksNeedingCatalogueWrite(db: Pick<Db, "$queryRaw">, tracks: readonly SpotifyTrack[]): Promise<SpotifyTrack[]> {
  const byId = new Map<string, SpotifyTrack>();
  for (const track of tracks) byId.set(track.id, track);
  if (byId.size === 0) return [];
  const rows = await db.$queryRaw<StoredTrackRow[]>`
    SELECT t.id, t.name, t.duration_ms, t.album_id, t.enriched_at IS NOT NULL AS enriched,
      al.name AS album_name, al.total_tracks, al.image_url, al.release_date, al.artist_name AS album_artist_name,
      COALESCE((SELECT array_agg(ta.artist_id ORDER BY ta.position) FROM track_artists ta WHERE ta.track_id = t.id), '{}') AS credits
    FROM tracks t LEFT JOIN albums al ON al.id = t.album_id
    WHERE t.id = ANY(${[...byId.keys()]}::text[])`;
  const stored = new Map(rows.map((row) => [row.id, row]));
  const artists = new Map<string, string>();
  const provisionalIds = new Set<string>();
  for (const track of byId.values()) {
    for (const artist of [...track.artists, ...track.album.artists]) {
      artists.set(artist.id, artist.name);
      provisionalIds.add(provisionalArtistId(artist.name));
    }
    const albumArtist = track.album.artists[0]?.name;
    if (albumArtist !== undefined) provisionalIds.add(provisionalAlbumId(track.album.name, albumArtist));
  }
  const existing = await db.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM artists WHERE id = ANY(${[...artists.keys(), ...provisionalIds]}::text[])
    UNION ALL SELECT id, name FROM albums WHERE id = ANY(${[...provisionalIds]}::text[])`;
  const storedNames = new Map(existing.map((row) => [row.id, row.name]));
  const provisionalLeft = (track: SpotifyTrack) =>
    [...track.artists, ...track.album.artists].some((artist) => storedNames.has(provisionalArtistId(artist.name))) ||
    (track.album.artists[0] !== undefined && storedNames.has(provisionalAlbumId(track.album.name, track.album.artists[0].name)));
  return [...byId.values()].filter((track) => {
    const row = stored.get(track.id);
    if (!row || !row.enriched) return true;
    const album = track.album;
    const image = album.images[0]?.url ?? null;
    return (
      row.name !== track.name ||
      row.duration_ms !== track.duration_ms ||
      row.album_id !== album.id ||
      row.album_name !== album.name ||
      row.total_tracks !== album.total_tracks ||
      (image !== null && row.image_url !== image) ||
      row.release_date !== album.release_date ||
      row.album_artist_name !== (album.artists[0]?.name ?? null) ||
      row.credits.join(",") !== track.artists.map((artist) => artist.id).join(",") ||
      [...track.artists, ...album.artists].some((artist) => storedNames.get(artist.id) !== artist.name) ||
      provisionalLeft(track)
    );
  });
}

export type StoredResponse = { inserted: number; newestPlayedAt: Date | null };

/**
 * Stores the plays of catalogue tracks. Local files (no Spotify ids, nothing to key a track by)
 * are not stored, as imports skip entries without a track URI, but the cursor moves past them.
 */
export async function storeRecentlyPlayed(db: Db, userId: string, seen: SpotifyPlayHistoryItem[], now: Date): Promise<StoredResponse> {
  const newest = seen.reduce<Date | null>((max, item) => {
    const at = new Date(item.played_at);
    return !max || at > max ? at : max;
  }, null);
  const items = seen.filter(isCataloguedPlay);
  const oldest = items.reduce<Date | null>((min, item) => {
    const at = new Date(item.played_at);
    return !min || at < min ? at : min;
  }, null);
  const changedTracks = await tracksNeedingCatalogueWrite(
    db,
    items.map((item) => item.track),
  );
  if (changedTracks.length > 0) {
    // Committed before the plays that refer to it; on its own it is harmless (the next run rewrites it).
    // Credits that changed (e.g. an imported track's provisional artist resolved) re-key the
    // artist rollups of every user who played those tracks.
    // The refresh can span years of a listener's plays (an imported artist resolved): like the
    // plays below, in a plain transaction (lib/db/plain-transaction.ts), not Prisma's.
    await inPlainTransaction(db, async (tx) => {
      const { recreditedTrackIds } = await upsertCatalog(tx, changedTracks, now);
      await refreshRollupsForTracks(tx, recreditedTrackIds);
    });
  }
  // Usually a few hours of rollups, but a whole rebuild when they were built in another zone.
  return inPlainTransaction(db, async (tx) => {
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
    if (inserted > 0) await refreshRollups(tx, userId, oldest, new Date(newest!.getTime() + 1));
    return { inserted, newestPlayedAt: newest };
  });
}
