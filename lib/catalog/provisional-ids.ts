/**
 * Provisional ids for catalogue rows that an export names but does not identify: albums and
 * artists of the extended history, and the tracks of account data (no URI at all). They are
 * `local:` plus a stable hash of the normalised names, so the same album, artist or song gets
 * the same id in every import, and enrichment can find the row to merge into the Spotify one.
 */
import { createHash } from "node:crypto";

export const PROVISIONAL_PREFIX = "local:";

/** NFC, trimmed, lower-cased: "Café " and "CAFÉ" are one artist. Locale-independent. */
export function normalizeName(name: string): string {
  return name.normalize("NFC").trim().toLowerCase();
}

function provisionalId(kind: string, parts: readonly string[]): string {
  const hash = createHash("sha256");
  hash.update(kind);
  for (const part of parts) hash.update(`\u0000${normalizeName(part)}`);
  // 22 base64url characters (132 bits): the length of a Spotify id, no realistic collisions.
  return PROVISIONAL_PREFIX + hash.digest("base64url").slice(0, 22);
}

export function provisionalArtistId(artistName: string): string {
  return provisionalId("artist", [artistName]);
}

export function provisionalAlbumId(albumName: string, albumArtistName: string): string {
  return provisionalId("album", [albumName, albumArtistName]);
}

/** Account-data tracks are keyed by artist and title: that is all the file says about them. */
export function provisionalTrackId(artistName: string, trackName: string): string {
  return provisionalId("track", [artistName, trackName]);
}

export function isProvisionalId(id: string): boolean {
  return id.startsWith(PROVISIONAL_PREFIX);
}

/** Extracts the id of a `spotify:track:<id>` URI; null for anything else. */
export function trackIdFromUri(uri: string): string | null {
  const match = /^spotify:track:([0-9A-Za-z]{1,64})$/.exec(uri);
  return match ? match[1] : null;
}
