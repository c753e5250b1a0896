/**
 * Stores one complete read of a playlist as a version (SPEC §10): snapshot id, collection time
 * and every entry in order. Tracks new to the catalogue come from the items' own track objects,
 * written first in their own short transaction as recently-played ingestion writes them (the
 * catalogue is shared; see lib/ingest/store.ts). The version and its entries are one transaction:
 * a version is there whole or not at all.
 */
import type { Db } from "@/lib/db/client";
import { upsertCatalog } from "@/lib/catalog";
import { tracksNeedingCatalogueWrite } from "@/lib/ingest/store";
import { refreshRollupsForTracks } from "@/lib/stats/rollups";
import type { SpotifyTrack } from "@/lib/spotify";
import type { CollectedEntry } from "./read-spotify";

export type StoredVersion = { stored: boolean; versionId: bigint | null };

export async function storeVersion(
  db: Db,
  playlist: { userId: string; playlistId: string; snapshotId: string },
  entries: CollectedEntry[],
  now: Date,
): Promise<StoredVersion> {
  const tracks = entries.map((entry) => entry.track).filter((track): track is SpotifyTrack => track !== null);
  const changedTracks = await tracksNeedingCatalogueWrite(db, tracks);
  if (changedTracks.length > 0) {
    await db.$transaction(
      async (tx) => {
        const { recreditedTrackIds } = await upsertCatalog(tx, changedTracks, now);
        await refreshRollupsForTracks(tx, recreditedTrackIds);
        // An item's track object credits its artists by name only: their details (image, genres)
        // come from the enrichment queue, as for an import's tracks.
        const artistIds = [...new Set(changedTracks.flatMap((track) => track.artists.map((artist) => artist.id)))];
        await tx.$executeRaw`
          INSERT INTO enrichment_tasks (kind, spotify_id)
          SELECT 'artist', a.id FROM artists a
          WHERE a.id = ANY(${artistIds}::text[]) AND a.details_fetched_at IS NULL AND a.spotify_missing_at IS NULL
          ON CONFLICT DO NOTHING`;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  }
  return db.$transaction(
    async (tx) => {
      // The playlist row is the lock: two collections of the same user at once store a snapshot once.
      const [row] = await tx.$queryRaw<{ latest: string | null }[]>`
        SELECT (SELECT v.snapshot_id FROM playlist_versions v WHERE v.user_id = p.user_id AND v.playlist_id = p.playlist_id
                ORDER BY v.collected_at DESC, v.id DESC LIMIT 1) AS latest
        FROM playlists p WHERE p.user_id = ${playlist.userId} AND p.playlist_id = ${playlist.playlistId} FOR UPDATE`;
      if (!row || row.latest === playlist.snapshotId) return { stored: false, versionId: null };
      const [version] = await tx.$queryRaw<{ id: bigint }[]>`
        INSERT INTO playlist_versions (user_id, playlist_id, snapshot_id, collected_at, entry_count)
        VALUES (${playlist.userId}, ${playlist.playlistId}, ${playlist.snapshotId}, ${now}::timestamptz, ${entries.length})
        RETURNING id`;
      // One statement for every entry (artists travel as JSON arrays: unnest cannot take an array of arrays).
      await tx.$executeRaw`
        INSERT INTO playlist_entries (version_id, position, track_id, kind, added_at, name, artists)
        SELECT ${version.id}::bigint, e.position, e.track_id, e.kind, e.added_at, e.name, ARRAY(SELECT jsonb_array_elements_text(e.artists::jsonb))
        FROM unnest(
          ${entries.map((entry) => entry.position)}::int[], ${entries.map((entry) => entry.trackId)}::text[], ${entries.map((entry) => entry.kind)}::text[],
          ${entries.map((entry) => entry.addedAt)}::timestamptz[], ${entries.map((entry) => entry.name)}::text[], ${entries.map((entry) => JSON.stringify(entry.artists))}::text[]
        ) AS e(position, track_id, kind, added_at, name, artists)`;
      await tx.$executeRaw`UPDATE playlists SET unreadable = NULL, refused_at = NULL WHERE user_id = ${playlist.userId} AND playlist_id = ${playlist.playlistId}`;
      return { stored: true, versionId: version.id };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
