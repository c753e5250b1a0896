/**
 * The client validates what the product reads, and only that: for every endpoint it uses, a
 * minimal response (only the required fields) parses, a full one with fields Spotify may add
 * parses, and each required field removed fails with an error naming the endpoint and the field.
 * Responses come over real HTTP from a small server that answers what the test sets.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpotifyClient, exchangeCode, refreshAccessToken, SpotifyInvalidResponseError } from "@/lib/spotify";

let server: Server;
let baseUrl: string;
let nextBody = "{}";
const requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(`${req.method} ${new URL(req.url ?? "/", "http://x").pathname}`);
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(nextBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// `undefined` members are dropped on the wire (JSON.stringify): a way to leave a field out.
type Json = null | boolean | number | string | undefined | Json[] | { [key: string]: Json };

const accounts = () => ({ accountsUrl: baseUrl, clientId: "client-id", clientSecret: "client-secret", sleep: async () => undefined });
const api = () => createSpotifyClient({ accessToken: "access-token", apiUrl: baseUrl, sleep: async () => undefined });

/** An endpoint of the client: its label in errors, how to call it, and its minimal response. */
type Endpoint = { name: string; endpoint: string; path: string; call: () => Promise<unknown>; minimal: Json; full: Json };

// Spotify-shaped values. `full` objects follow the Web API reference as a development-mode app
// receives them in 2026, plus fields Spotify could add (`added_in_2027`), and the odd values real
// responses hold: null context, null image sizes, year-precision and precision-less release dates,
// numeric cursors, no `total`.
const artistRef = { id: "0OdUWJ0sBjDrqHygGUXeCF", name: "Band of Horses" };
const fullArtistRef = {
  ...artistRef,
  external_urls: { spotify: "https://open.spotify.com/artist/0OdUWJ0sBjDrqHygGUXeCF" },
  href: "https://api.spotify.com/v1/artists/0OdUWJ0sBjDrqHygGUXeCF",
  type: "artist",
  uri: "spotify:artist:0OdUWJ0sBjDrqHygGUXeCF",
  added_in_2027: { anything: [1, "two"] },
};
const minimalAlbum = { id: "5Z8ZEQ0q0TXOEbCQivGSHw", name: "Everything All the Time", total_tracks: 10, artists: [artistRef] };
const fullAlbum = {
  ...minimalAlbum,
  album_type: "album",
  artists: [fullArtistRef],
  external_urls: { spotify: "https://open.spotify.com/album/5Z8ZEQ0q0TXOEbCQivGSHw" },
  href: "https://api.spotify.com/v1/albums/5Z8ZEQ0q0TXOEbCQivGSHw",
  images: [
    { url: "https://i.scdn.co/image/a640", height: 640, width: 640 },
    { url: "https://i.scdn.co/image/anull", height: null, width: null },
  ],
  release_date: "1983",
  release_date_precision: "year",
  type: "album",
  uri: "spotify:album:5Z8ZEQ0q0TXOEbCQivGSHw",
  external_ids: { upc: "00098787072524" },
  label: "Sub Pop",
  added_in_2027: true,
};
const minimalTrack = { id: "3f9zqUnrnIq0LANhmnaF0V", name: "The Funeral", duration_ms: 322506, artists: [artistRef], album: minimalAlbum };
const fullTrack = {
  ...minimalTrack,
  album: fullAlbum,
  artists: [fullArtistRef],
  disc_number: 1,
  explicit: false,
  external_ids: { isrc: "USSUB0670703" },
  external_urls: { spotify: "https://open.spotify.com/track/3f9zqUnrnIq0LANhmnaF0V" },
  href: "https://api.spotify.com/v1/tracks/3f9zqUnrnIq0LANhmnaF0V",
  is_local: false,
  popularity: 68,
  preview_url: null,
  track_number: 4,
  type: "track",
  uri: "spotify:track:3f9zqUnrnIq0LANhmnaF0V",
  added_in_2027: "x",
};
const playedAt = "2026-03-01T19:44:12.512Z";

const endpoints: Endpoint[] = [
  {
    name: "token (code exchange)",
    endpoint: "POST /api/token",
    path: "/api/token",
    call: () => exchangeCode({ code: "the-code", codeVerifier: "the-verifier", redirectUri: "http://127.0.0.1:3000/api/auth/callback/spotify" }, accounts()),
    minimal: { access_token: "BQD-access", expires_in: 3600, refresh_token: "AQA-refresh" },
    full: { access_token: "BQD-access", token_type: "Bearer", scope: "user-read-recently-played", expires_in: 3600, refresh_token: "AQA-refresh", added_in_2027: 1 },
  },
  {
    name: "token refresh",
    endpoint: "POST /api/token",
    path: "/api/token",
    call: () => refreshAccessToken("AQA-refresh", accounts()),
    minimal: { access_token: "BQD-access-2", expires_in: 3600 },
    full: { access_token: "BQD-access-2", token_type: "Bearer", scope: "user-read-recently-played", expires_in: 3600, added_in_2027: 1 },
  },
  {
    name: "profile",
    endpoint: "GET /v1/me",
    path: "/v1/me",
    call: () => api().getMe(),
    minimal: { id: "ada" },
    full: {
      id: "ada",
      display_name: "Ada Listener",
      images: [{ url: "https://i.scdn.co/image/u", height: null, width: null }],
      type: "user",
      uri: "spotify:user:ada",
      href: "https://api.spotify.com/v1/users/ada",
      external_urls: { spotify: "https://open.spotify.com/user/ada" },
      account_id: "acc-1",
      added_in_2027: null,
    },
  },
  {
    name: "recently played",
    endpoint: "GET /v1/me/player/recently-played",
    path: "/v1/me/player/recently-played",
    call: () => api().getRecentlyPlayed({ limit: 50 }),
    minimal: { items: [{ track: { ...minimalTrack, is_local: false }, played_at: playedAt }] },
    full: {
      items: [
        { track: fullTrack, played_at: playedAt, context: null },
        {
          track: { ...fullTrack, album: { ...fullAlbum, release_date: "1983-06", release_date_precision: undefined } },
          played_at: "2026-03-01T19:40:00Z",
          context: { type: "album", href: null, external_urls: {}, uri: "spotify:album:5Z8ZEQ0q0TXOEbCQivGSHw" },
        },
        {
          track: { is_local: true, id: null, name: "home demo", duration_ms: 1000, type: "track", uri: "spotify:local:a:b:c:1", album: { id: null }, artists: [{ id: null, name: "me" }] },
          played_at: "2026-03-01T19:30:00.000+00:00",
          context: null,
        },
      ],
      next: "https://api.spotify.com/v1/me/player/recently-played?before=1772394252512&limit=50",
      cursors: { after: 1772394252512, before: "1772393400000" },
      limit: 50,
      href: "https://api.spotify.com/v1/me/player/recently-played?limit=50",
    },
  },
  {
    name: "track",
    endpoint: "GET /v1/tracks/{id}",
    path: "/v1/tracks/3f9zqUnrnIq0LANhmnaF0V",
    call: () => api().getTrack("3f9zqUnrnIq0LANhmnaF0V"),
    minimal: minimalTrack,
    full: fullTrack,
  },
  {
    name: "artist",
    endpoint: "GET /v1/artists/{id}",
    path: "/v1/artists/0OdUWJ0sBjDrqHygGUXeCF",
    call: () => api().getArtist("0OdUWJ0sBjDrqHygGUXeCF"),
    minimal: artistRef,
    full: {
      ...fullArtistRef,
      images: [{ url: "https://i.scdn.co/image/b", height: 640, width: 640 }],
      genres: ["indie rock"],
      popularity: 61,
      followers: { href: null, total: 1200000 },
    },
  },
  {
    name: "album",
    endpoint: "GET /v1/albums/{id}",
    path: "/v1/albums/5Z8ZEQ0q0TXOEbCQivGSHw",
    call: () => api().getAlbum("5Z8ZEQ0q0TXOEbCQivGSHw"),
    minimal: minimalAlbum,
    full: {
      ...fullAlbum,
      release_date_precision: undefined,
      tracks: {
        items: [{ id: "3f9zqUnrnIq0LANhmnaF0V", name: "The Funeral", duration_ms: 322506, artists: [fullArtistRef], disc_number: 1, explicit: false, type: "track" }],
        next: null,
        limit: 50,
        offset: 0,
      },
      genres: [],
      popularity: 50,
    },
  },
  {
    name: "my playlists",
    endpoint: "GET /v1/me/playlists",
    path: "/v1/me/playlists",
    call: () => api().getMyPlaylists(),
    // `total` and each playlist's `items.total` are read: a playlist is only started when the run's budget pays for all its pages.
    minimal: { items: [{ id: "37i9dQZF1DX", name: "Morning", collaborative: false, snapshot_id: "MTY4", owner: { id: "ada" }, items: { total: 12 } }], total: 1 },
    full: {
      href: "https://api.spotify.com/v1/me/playlists?offset=0&limit=20",
      items: [
        {
          id: "37i9dQZF1DX",
          name: "Morning",
          collaborative: false,
          snapshot_id: "MTY4",
          description: "",
          public: null,
          images: null,
          owner: { id: "ada", display_name: "Ada Listener", type: "user", uri: "spotify:user:ada", href: "x", external_urls: {} },
          items: { href: "https://api.spotify.com/v1/playlists/37i9dQZF1DX/items", total: 12 },
          type: "playlist",
          uri: "spotify:playlist:37i9dQZF1DX",
          primary_color: null,
          added_in_2027: {},
        },
      ],
      limit: 20,
      next: null,
      offset: 0,
      previous: null,
      total: 1,
    },
  },
  {
    name: "playlist items",
    endpoint: "GET /v1/playlists/{id}/items",
    path: "/v1/playlists/37i9dQZF1DX/items",
    call: () => api().getPlaylistItems("37i9dQZF1DX"),
    minimal: { items: [{ added_at: "2026-01-02T03:04:05Z" }], total: 1 },
    full: {
      items: [
        { added_at: "2026-01-02T03:04:05Z", added_by: { id: "ada" }, is_local: false, primary_color: null, item: fullTrack, video_thumbnail: { url: null } },
        { added_at: null, is_local: false, track: null },
      ],
      next: null,
      limit: 100,
      offset: 0,
      total: 2,
    },
  },
];

/** Every key path of a JSON value, arrays through their first element: `items[0].track.album.id`. */
function requiredPaths(value: Json, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length ? requiredPaths(value[0], `${prefix}[0]`) : [];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return [path, ...requiredPaths(child, path)];
    });
  }
  return [];
}

/** A deep copy of `value` without the field at `path`. */
function without(value: Json, path: string): Json {
  // Through JSON: shared objects (the same artist credited twice) become separate copies.
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  const keys = path.match(/[^.[\]]+/g)!.map((key) => (/^\d+$/.test(key) ? Number(key) : key));
  let parent = copy as Record<string | number, Json>;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  delete parent[keys[keys.length - 1]];
  return copy;
}

async function answer(body: Json, call: () => Promise<unknown>) {
  nextBody = JSON.stringify(body);
  requested.length = 0;
  return call();
}

describe.each(endpoints.map((e) => [`${e.name}: ${e.endpoint}`, e] as const))(
  "%s",
  (_name, { endpoint, path, call, minimal, full }) => {
    it("parses a minimal response: only the fields the product needs", async () => {
      await expect(answer(minimal, call)).resolves.toBeDefined();
      expect(requested).toEqual([`${endpoint.split(" ")[0]} ${path}`]);
    });

    it("parses a full response with fields it does not read, unknown ones included", async () => {
      await expect(answer(full, call)).resolves.toBeDefined();
    });

    const paths = requiredPaths(minimal);
    it.each(paths)("fails without %s, naming the endpoint and the field", async (field) => {
      const error = await answer(without(minimal, field), call).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpotifyInvalidResponseError);
      expect((error as Error).message).toBe(`${endpoint}: ${field} is missing`);
    });
  },
);

describe("what the product reads from full responses", () => {
  it("keeps the values it stores and drops the rest", async () => {
    const page = await answer(endpoints[3].full, endpoints[3].call);
    expect(page).toEqual({
      items: [
        {
          track: {
            id: fullTrack.id,
            name: "The Funeral",
            duration_ms: 322506,
            is_local: false,
            artists: [artistRef],
            album: { ...minimalAlbum, release_date: "1983", images: [{ url: "https://i.scdn.co/image/a640" }, { url: "https://i.scdn.co/image/anull" }] },
          },
          played_at: playedAt,
        },
        {
          track: {
            id: fullTrack.id,
            name: "The Funeral",
            duration_ms: 322506,
            is_local: false,
            artists: [artistRef],
            album: { ...minimalAlbum, release_date: "1983-06", images: [{ url: "https://i.scdn.co/image/a640" }, { url: "https://i.scdn.co/image/anull" }] },
          },
          played_at: "2026-03-01T19:40:00Z",
        },
        { track: { is_local: true }, played_at: "2026-03-01T19:30:00.000+00:00" },
      ],
      next: "https://api.spotify.com/v1/me/player/recently-played?before=1772394252512&limit=50",
      // Cursors are read the same whether Spotify sends strings or numbers.
      cursors: { after: "1772394252512", before: "1772393400000" },
    });
  });

  it("reads optional fields as absent: no images, no release date, no genres, popularity or followers", async () => {
    expect(await answer(endpoints[5].minimal, endpoints[5].call)).toEqual({ ...artistRef, images: [] });
    expect(await answer(endpoints[5].full, endpoints[5].call)).toEqual({
      ...artistRef,
      images: [{ url: "https://i.scdn.co/image/b" }],
      genres: ["indie rock"],
      popularity: 61,
      followers: { total: 1200000 },
    });
    expect(await answer(endpoints[4].minimal, endpoints[4].call)).toMatchObject({ album: { release_date: null, images: [] } });
    expect(await answer({ ...minimalTrack, album: { ...minimalAlbum, images: null, release_date: null } }, endpoints[4].call)).toMatchObject({
      album: { release_date: null, images: [] },
    });
    expect(await answer(endpoints[2].minimal, endpoints[2].call)).toEqual({ id: "ada", images: [] });
  });

  it("names a field of the wrong type without quoting its value", async () => {
    const error = await answer({ access_token: 42, expires_in: 3600, refresh_token: "AQA-refresh-secret" }, endpoints[0].call).catch((e: unknown) => e);
    expect((error as Error).message).toBe("POST /api/token: access_token is invalid: expected string, received number");
    const played = await answer({ items: [{ track: { ...minimalTrack, is_local: false }, played_at: "yesterday" }] }, endpoints[3].call).catch((e: unknown) => e);
    expect((played as Error).message).toBe("GET /v1/me/player/recently-played: items[0].played_at is invalid: Invalid ISO datetime");
    const body = await answer("not an object", endpoints[2].call).catch((e: unknown) => e);
    expect((body as Error).message).toBe("GET /v1/me: the response body is invalid: expected object, received string");
    nextBody = "<html>Service Unavailable</html>";
    const html = await endpoints[2].call().catch((e: unknown) => e);
    expect((html as Error).message).toBe("GET /v1/me: the response body is not valid JSON");
  });
});
