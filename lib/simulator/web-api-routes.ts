import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson, sendWebApiError } from "./http";
import {
  albumObject,
  artistObject,
  pageObject,
  playHistoryObject,
  playlistItemObject,
  simplifiedPlaylistObject,
  trackObject,
  userObject,
  type ObjectContext,
} from "./spotify-objects";
import { SPOTIFY_OWNER, type SimPlaylist } from "./playlists";
import { RECENTLY_PLAYED_WINDOW, type SimulatorState } from "./state";

// The Web API endpoints the product uses, with Spotify's parameters, cursors and errors.

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}

function parseIntParam(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

function recentlyPlayed(res: ServerResponse, url: URL, state: SimulatorState, ctx: ObjectContext, listenerId: string) {
  const params = url.searchParams;
  const limit = parseIntParam(params.get("limit"), 20);
  if (limit === undefined || limit < 1 || limit > 50) return sendWebApiError(res, 400, "Invalid limit");
  const after = parseIntParam(params.get("after"), -1);
  const before = parseIntParam(params.get("before"), -1);
  if (after === undefined || before === undefined) return sendWebApiError(res, 400, "Invalid cursor");
  if (params.has("after") && params.has("before")) {
    return sendWebApiError(res, 400, "Only one of 'after' or 'before' may be specified");
  }
  const visible = state.history(listenerId).slice(-RECENTLY_PLAYED_WINDOW);
  let page;
  let more: boolean;
  if (params.has("after")) {
    // Walking forward: the oldest `limit` plays after the cursor, listed newest first.
    const newer = visible.filter((p) => p.playedAt.getTime() > after);
    page = newer.slice(0, limit);
    more = newer.length > limit;
  } else {
    const older = params.has("before") ? visible.filter((p) => p.playedAt.getTime() < before) : visible;
    page = older.slice(-limit);
    more = older.length > limit;
  }
  const items = [...page].reverse();
  const cursors =
    items.length > 0
      ? { after: String(items[0].playedAt.getTime()), before: String(items[items.length - 1].playedAt.getTime()) }
      : null;
  const base = `${ctx.baseUrl}/v1/me/player/recently-played`;
  let next: string | null = null;
  if (more && cursors) {
    next = params.has("after") ? `${base}?after=${cursors.after}&limit=${limit}` : `${base}?before=${cursors.before}&limit=${limit}`;
  }
  sendJson(res, 200, {
    items: items.map((play) => playHistoryObject(ctx, play)),
    next,
    cursors,
    limit,
    href: `${base}${url.search}`,
  });
}

function offsetPage(url: URL): { limit: number; offset: number } | undefined {
  const limit = parseIntParam(url.searchParams.get("limit"), 20);
  const offset = parseIntParam(url.searchParams.get("offset"), 0);
  if (limit === undefined || offset === undefined || limit < 1 || limit > 50 || offset > 100_000) return undefined;
  return { limit, offset };
}

/**
 * Whether the token's scopes let the listener see this playlist at all: private playlists need
 * `playlist-read-private`, collaborative ones `playlist-read-collaborative` (public ones none).
 */
function scopeAllows(playlist: SimPlaylist, scopes: Set<string>): boolean {
  if (playlist.collaborative) return scopes.has("playlist-read-collaborative");
  return playlist.public || scopes.has("playlist-read-private");
}

function myPlaylists(res: ServerResponse, url: URL, state: SimulatorState, ctx: ObjectContext, listenerId: string, scopes: Set<string>) {
  const paging = offsetPage(url);
  if (!paging) return sendWebApiError(res, 400, "Invalid limit or offset");
  // Without the playlist scopes, Spotify lists only what they do not cover.
  const playlists = state.playlists(listenerId).filter((playlist) => scopeAllows(playlist, scopes));
  const urlFor = (offset: number) => `${ctx.baseUrl}/v1/me/playlists?offset=${offset}&limit=${paging.limit}`;
  const items = playlists.slice(paging.offset, paging.offset + paging.limit).map((playlist) => simplifiedPlaylistObject(ctx, playlist));
  sendJson(res, 200, pageObject(items, { href: urlFor(paging.offset), ...paging, total: playlists.length, urlFor }));
}

function playlistItems(res: ServerResponse, url: URL, state: SimulatorState, ctx: ObjectContext, id: string, listenerId: string, scopes: Set<string>) {
  const playlist = state.findPlaylist(id);
  if (!playlist) return sendWebApiError(res, 404, "Resource not found");
  // Spotify's own editorial and algorithmic playlists: not found for development-mode apps since November 2024.
  if (playlist.owner.id === SPOTIFY_OWNER.id) return sendWebApiError(res, 404, "Resource not found");
  // Development mode since February 2026: only the items of playlists one owns or collaborates on.
  const member = playlist.owner.id === listenerId || (playlist.collaborative && playlist.collaboratorIds.includes(listenerId));
  if (!member) return sendWebApiError(res, 403, "Forbidden");
  if (!scopeAllows(playlist, scopes)) return sendWebApiError(res, 403, "Insufficient client scope");
  const paging = offsetPage(url);
  if (!paging) return sendWebApiError(res, 400, "Invalid limit or offset");
  const urlFor = (offset: number) => `${ctx.baseUrl}/v1/playlists/${id}/items?offset=${offset}&limit=${paging.limit}`;
  const addedBy = (userId: string | null) => {
    if (userId === null) return null;
    if (userId === SPOTIFY_OWNER.id) return SPOTIFY_OWNER;
    const user = state.listener(userId);
    return user ? { id: user.id, displayName: user.displayName } : null;
  };
  const objects = playlist.items.slice(paging.offset, paging.offset + paging.limit).map((item) => playlistItemObject(ctx, item, addedBy(item.addedBy)));
  sendJson(res, 200, pageObject(objects, { href: urlFor(paging.offset), ...paging, total: playlist.items.length, urlFor }));
}

const BATCH_PATHS = new Set(["/v1/artists", "/v1/tracks", "/v1/albums"]);

export function handleWebApi(req: IncomingMessage, res: ServerResponse, url: URL, state: SimulatorState, baseUrl: string): void {
  const ctx: ObjectContext = { catalogue: state.catalogue, baseUrl, quota: state.quota };
  const token = bearerToken(req);
  if (!token) return sendWebApiError(res, 401, "No token provided");
  const check = state.checkAccessToken(token);
  if (!check.ok) return sendWebApiError(res, 401, check.message);
  if (req.method !== "GET") return sendWebApiError(res, 405, "Method not allowed");
  const listener = state.listener(check.listenerId)!;
  const path = url.pathname;

  // Development-mode apps lost the batch lookups in February 2026.
  if (BATCH_PATHS.has(path)) return sendWebApiError(res, 403, "Forbidden");
  if (path === "/v1/me") return sendJson(res, 200, userObject(ctx, listener));
  if (path === "/v1/me/player/recently-played") return recentlyPlayed(res, url, state, ctx, listener.id);

  if (path === "/v1/me/playlists") return myPlaylists(res, url, state, ctx, listener.id, check.scopes);

  const match = /^\/v1\/(tracks|artists|albums|playlists)\/([^/]+)(\/items)?$/.exec(path);
  if (!match) return sendWebApiError(res, 404, "Service not found");
  const [, kind, id, items] = match;
  if (kind === "tracks" && !items) {
    const track = state.catalogue.trackById.get(id);
    return track ? sendJson(res, 200, trackObject(ctx, track)) : sendWebApiError(res, 404, "Resource not found");
  }
  if (kind === "artists" && !items) {
    const artist = state.catalogue.artistById.get(id);
    return artist ? sendJson(res, 200, artistObject(ctx, artist)) : sendWebApiError(res, 404, "Resource not found");
  }
  if (kind === "albums" && !items) {
    const album = state.catalogue.albumById.get(id);
    return album ? sendJson(res, 200, albumObject(ctx, album)) : sendWebApiError(res, 404, "Resource not found");
  }
  if (kind === "playlists" && items) return playlistItems(res, url, state, ctx, id, listener.id, check.scopes);
  sendWebApiError(res, 404, "Service not found");
}
