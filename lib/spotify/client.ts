import type { z } from "zod";
import { readSpotifyConfig } from "./config";
import { webApiErrorFor } from "./error-response";
import {
  albumSchema,
  artistSchema,
  meSchema,
  playlistItemsPageSchema,
  playlistsPageSchema,
  recentlyPlayedPageSchema,
  trackSchema,
  type SpotifyAlbum,
  type SpotifyArtist,
  type SpotifyMe,
  type SpotifyPlaylistItemsPage,
  type SpotifyPlaylistsPage,
  type SpotifyRecentlyPlayedPage,
  type SpotifyTrack,
} from "./schemas";
import { SpotifyTransport, type TransportOptions } from "./transport";
import { parseResponse } from "./validation";

/**
 * A fixed token, or a provider. A provider is asked again with `forceRefresh: true` once after
 * a 401, so it can refresh; a second 401 is `SpotifyReauthRequiredError`.
 */
export type AccessTokenSource = string | ((options?: { forceRefresh?: boolean }) => Promise<string>);

export interface SpotifyClientOptions extends TransportOptions {
  accessToken: AccessTokenSource;
  /** Base of the Web API; defaults to SPOTIFY_API_URL. */
  apiUrl?: string;
}

export interface RecentlyPlayedQuery {
  /** 1..50, Spotify's default is 20. */
  limit?: number;
  /** Unix ms: plays after (not including) this instant. Exclusive with `before`. */
  after?: number;
  /** Unix ms: plays before (not including) this instant. Exclusive with `after`. */
  before?: number;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

export interface SpotifyClient {
  getMe(): Promise<SpotifyMe>;
  getRecentlyPlayed(query?: RecentlyPlayedQuery): Promise<SpotifyRecentlyPlayedPage>;
  getTrack(id: string): Promise<SpotifyTrack>;
  getArtist(id: string): Promise<SpotifyArtist>;
  getAlbum(id: string): Promise<SpotifyAlbum>;
  getMyPlaylists(query?: PageQuery): Promise<SpotifyPlaylistsPage>;
  getPlaylistItems(id: string, query?: PageQuery): Promise<SpotifyPlaylistItemsPage>;
}

/**
 * The endpoint as errors and logs name it, with `{id}` for the id (`GET /v1/tracks/{id}`): such
 * messages reach the status page, and an id would tell what someone played.
 */
export function routeOf(path: string): string {
  return path.replace(/^\/v1\/(tracks|artists|albums|playlists|users|shows|episodes|audiobooks)\/[^/]+/, "/v1/$1/{id}");
}

export function createSpotifyClient(options: SpotifyClientOptions): SpotifyClient {
  const apiUrl = (options.apiUrl ?? readSpotifyConfig().apiUrl).replace(/\/+$/, "");
  const transport = new SpotifyTransport(options);
  const source = options.accessToken;
  let currentToken: string | undefined = typeof source === "string" ? source : undefined;

  async function token(forceRefresh = false): Promise<string> {
    if (typeof source === "string") return source;
    if (currentToken === undefined || forceRefresh) currentToken = await source({ forceRefresh });
    return currentToken;
  }

  async function get<T extends z.ZodType>(
    path: string,
    query: Record<string, string | number | undefined>,
    schema: T,
  ): Promise<z.infer<T>> {
    const url = new URL(apiUrl + path);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const endpoint = `GET ${routeOf(path)}`;
    const secrets = () => [currentToken];
    const response = await transport.send({
      method: "GET",
      url: url.toString(),
      endpoint,
      secrets,
      headers: async () => ({ Authorization: `Bearer ${await token()}`, Accept: "application/json" }),
      onUnauthorized:
        typeof source === "string"
          ? undefined
          : async () => {
              await token(true);
              return true;
            },
    });
    if (response.status < 200 || response.status >= 300) throw webApiErrorFor(endpoint, response, secrets());
    return parseResponse(endpoint, schema, response.bodyText);
  }

  const idPath = (kind: string, id: string) => `/v1/${kind}/${encodeURIComponent(id)}`;

  return {
    getMe: () => get("/v1/me", {}, meSchema),
    getRecentlyPlayed: async (query = {}) => {
      if (query.after !== undefined && query.before !== undefined) {
        throw new RangeError("getRecentlyPlayed: `after` and `before` are mutually exclusive");
      }
      return get(
        "/v1/me/player/recently-played",
        { limit: query.limit, after: query.after, before: query.before },
        recentlyPlayedPageSchema,
      );
    },
    getTrack: (id) => get(idPath("tracks", id), {}, trackSchema),
    getArtist: (id) => get(idPath("artists", id), {}, artistSchema),
    getAlbum: (id) => get(idPath("albums", id), {}, albumSchema),
    getMyPlaylists: (query = {}) => get("/v1/me/playlists", { ...query }, playlistsPageSchema),
    // Episodes come as episode objects only when the client says it understands them.
    getPlaylistItems: (id, query = {}) => get(`${idPath("playlists", id)}/items`, { ...query, additional_types: "track,episode" }, playlistItemsPageSchema),
  };
}
