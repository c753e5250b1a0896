/**
 * Stores a user's complete listing (GET /v1/me/playlists, all pages): each playlist's details
 * and place, and which of them are never read and why. Playlists the listing no longer has lose
 * their place (and so leave the API and the pages) but keep their versions.
 */
import type { Db } from "@/lib/db/client";
import type { ListedPlaylist } from "./read-spotify";

/** The owner of Spotify's editorial and algorithmic playlists (Discover Weekly, Release Radar). */
export const SPOTIFY_OWNER_ID = "spotify";

/**
 * Why a playlist's items are not read (SPEC §10):
 * - `spotify-owned`: Spotify refuses its own playlists to development-mode apps (since November 2024);
 * - `not-owned`: someone else's playlist the user follows, which Spotify refuses to such apps too;
 * - `missing-scope`: Spotify refused it and the user's authorisation lacks a playlist scope;
 * - `refused`: Spotify answered 403 or 404 for its items.
 */
export type UnreadableReason = "spotify-owned" | "not-owned" | "missing-scope" | "refused";

/** Listed playlists whose items are read: the user's own, and collaborative ones. */
export function readableByListing(playlist: ListedPlaylist, spotifyId: string): Extract<UnreadableReason, "spotify-owned" | "not-owned"> | null {
  if (playlist.ownerId === SPOTIFY_OWNER_ID) return "spotify-owned";
  if (playlist.ownerId !== spotifyId && !playlist.collaborative) return "not-owned";
  return null;
}

export async function storeListing(db: Db, user: { id: string; spotifyId: string }, listing: ListedPlaylist[], now: Date): Promise<void> {
  const reasons = listing.map((playlist) => readableByListing(playlist, user.spotifyId));
  await db.$transaction([
    db.$executeRaw`
      INSERT INTO playlists (user_id, playlist_id, name, owner_id, owner_name, image_url, collaborative, public,
        listed_snapshot_id, listed_total, list_position, listed_at, unreadable)
      SELECT ${user.id}, l.id, l.name, l.owner_id, l.owner_name, l.image_url, l.collaborative, l.public,
        l.snapshot_id, l.total, l.position, ${now}::timestamptz, l.reason
      FROM unnest(
        ${listing.map((p) => p.id)}::text[], ${listing.map((p) => p.name)}::text[], ${listing.map((p) => p.ownerId)}::text[],
        ${listing.map((p) => p.ownerName)}::text[], ${listing.map((p) => p.imageUrl)}::text[], ${listing.map((p) => p.collaborative)}::boolean[],
        ${listing.map((p) => p.public)}::boolean[], ${listing.map((p) => p.snapshotId)}::text[], ${listing.map((p) => p.total)}::int[],
        ${listing.map((_, index) => index)}::int[], ${reasons}::text[]
      ) AS l(id, name, owner_id, owner_name, image_url, collaborative, public, snapshot_id, total, position, reason)
      ON CONFLICT (user_id, playlist_id) DO UPDATE SET
        name = EXCLUDED.name, owner_id = EXCLUDED.owner_id, owner_name = EXCLUDED.owner_name, image_url = EXCLUDED.image_url,
        collaborative = EXCLUDED.collaborative, public = EXCLUDED.public, listed_snapshot_id = EXCLUDED.listed_snapshot_id,
        listed_total = EXCLUDED.listed_total, list_position = EXCLUDED.list_position, listed_at = EXCLUDED.listed_at,
        -- A refusal of a readable playlist stands until a read succeeds or is refused again.
        unreadable = COALESCE(EXCLUDED.unreadable, CASE WHEN playlists.unreadable IN ('missing-scope', 'refused') THEN playlists.unreadable END)`,
    db.$executeRaw`
      UPDATE playlists SET list_position = NULL
      WHERE user_id = ${user.id} AND list_position IS NOT NULL AND NOT (playlist_id = ANY(${listing.map((p) => p.id)}::text[]))`,
  ]);
}

/** Spotify refused the items of a playlist the user may read: say why on the page; nothing else changes. */
export async function markRefused(db: Db, userId: string, playlistId: string, reason: Extract<UnreadableReason, "missing-scope" | "refused">, now: Date): Promise<void> {
  await db.$executeRaw`UPDATE playlists SET unreadable = ${reason}, refused_at = ${now} WHERE user_id = ${userId} AND playlist_id = ${playlistId}`;
}
