/** The scopes playlists need (SPEC §10), and which of them a user's authorisation lacks. */

/** Private playlists need the first; collaborative ones the second (Spotify lists neither without). */
export const PLAYLIST_SCOPES = ["playlist-read-private", "playlist-read-collaborative"] as const;

export type PlaylistScope = (typeof PLAYLIST_SCOPES)[number];

/** `granted` as Spotify reports it: scopes separated by spaces. */
export function missingPlaylistScopes(granted: string): PlaylistScope[] {
  const scopes = new Set(granted.split(/\s+/).filter(Boolean));
  return PLAYLIST_SCOPES.filter((scope) => !scopes.has(scope));
}
