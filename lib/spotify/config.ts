// Spotify endpoints and app credentials, read from the environment when asked (never at import
// time), so builds and tests can set them late and point them at the simulator.

export const SPOTIFY_SCOPES =
  "user-read-recently-played user-top-read user-read-private playlist-read-private playlist-read-collaborative";

export interface SpotifyConfig {
  accountsUrl: string;
  apiUrl: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

export function readSpotifyConfig(env: NodeJS.ProcessEnv = process.env): SpotifyConfig {
  return {
    accountsUrl: withoutTrailingSlash(env.SPOTIFY_ACCOUNTS_URL || "https://accounts.spotify.com"),
    apiUrl: withoutTrailingSlash(env.SPOTIFY_API_URL || "https://api.spotify.com"),
    clientId: env.SPOTIFY_CLIENT_ID || undefined,
    clientSecret: env.SPOTIFY_CLIENT_SECRET || undefined,
  };
}
