import type { IncomingMessage, ServerResponse } from "node:http";
import { readJsonBody, sendJson } from "./http";
import { snapshotIdOf, type SimPlaylist } from "./playlists";
import type { FaultKind, SimulatorState } from "./state";

// Test and demo controls under /_sim/ (JSON in and out). The same operations are on the
// handle returned by startSimulator().

const FAULT_KINDS: readonly FaultKind[] = ["429", "500", "503", "drop", "malformed", "premium", "invalid_client", "not_registered", "403", "404"];

function positiveInt(value: unknown, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function listenerSummaries(state: SimulatorState) {
  return state.listeners.map((l) => ({
    id: l.id,
    displayName: l.displayName,
    timeZone: l.timeZone,
    firstAuthorizedAt: state.firstAuthorizedAt(l.id)?.toISOString() ?? null,
  }));
}

export function playlistSummary(playlist: SimPlaylist) {
  return {
    id: playlist.id,
    name: playlist.name,
    ownerId: playlist.owner.id,
    collaborative: playlist.collaborative,
    public: playlist.public,
    snapshotId: snapshotIdOf(playlist),
    items: playlist.items.map((item) => ({ kind: item.kind, id: item.id, addedAt: item.addedAt?.toISOString() ?? null })),
  };
}

/** A listener's library as the simulator holds it (every playlist, whatever a token's scopes). */
export function playlistSummaries(state: SimulatorState, listenerId: string) {
  return state.playlists(listenerId).map(playlistSummary);
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, state: SimulatorState): Promise<void> {
  const path = url.pathname.replace(/^\/_sim/, "");
  const method = req.method ?? "GET";
  const bad = (message: string) => sendJson(res, 400, { error: message });

  if (method === "GET" && path === "/log") return sendJson(res, 200, state.log);
  if (method === "DELETE" && path === "/log") {
    state.log = [];
    return sendJson(res, 200, { ok: true });
  }
  if (method === "GET" && path === "/listeners") return sendJson(res, 200, listenerSummaries(state));
  const libraryPath = /^\/listeners\/([^/]+)\/playlists$/.exec(path);
  if (method === "GET" && libraryPath) {
    if (!state.listener(libraryPath[1])) return sendJson(res, 404, { error: `unknown listener: ${libraryPath[1]}` });
    return sendJson(res, 200, playlistSummaries(state, libraryPath[1]));
  }
  if (method !== "POST") return sendJson(res, 404, { error: "unknown control" });

  let body: Record<string, unknown>;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    return bad(`invalid JSON body: ${(error as Error).message}`);
  }

  if (path === "/reset") {
    state.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (path === "/faults") {
    const kind = String(body.kind) as FaultKind;
    const count = positiveInt(body.count, 1);
    const retryAfter = positiveInt(body.retryAfter);
    if (typeof body.path !== "string" || !body.path.startsWith("/")) return bad("path must start with /");
    if (!FAULT_KINDS.includes(kind)) return bad(`kind must be one of ${FAULT_KINDS.join(", ")}`);
    if (count === undefined) return bad("count must be a non-negative integer");
    if (body.retryAfter !== undefined && retryAfter === undefined) return bad("retryAfter must be a non-negative integer");
    state.addFault({ path: body.path, count, kind, retryAfter });
    return sendJson(res, 200, { ok: true, faults: state.faults });
  }
  if (path === "/latency") {
    const ms = positiveInt(body.ms);
    if (ms === undefined) return bad("ms must be a non-negative integer");
    state.latencyMs = ms;
    return sendJson(res, 200, { ok: true });
  }
  if (path === "/quota") {
    if (body.quota !== "development" && body.quota !== "extended") return bad('quota must be "development" or "extended"');
    state.quota = body.quota;
    return sendJson(res, 200, { ok: true, quota: state.quota });
  }
  if (path === "/tokens/expire") {
    state.expireAccessTokens();
    return sendJson(res, 200, { ok: true });
  }
  if (path === "/auto-approve") {
    if (typeof body.listenerId !== "string" || !state.listener(body.listenerId)) return bad("unknown listenerId");
    state.autoApproveListenerId = body.listenerId;
    return sendJson(res, 200, { ok: true });
  }
  const playlistChange = /^\/playlists\/([^/]+)\/change$/.exec(path);
  if (playlistChange) {
    const add = positiveInt(body.add, 0);
    const remove = positiveInt(body.remove, 0);
    if (add === undefined || remove === undefined) return bad("add and remove must be non-negative integers");
    if (body.addTrackIds !== undefined && !(Array.isArray(body.addTrackIds) && body.addTrackIds.every((id) => typeof id === "string"))) {
      return bad("addTrackIds must be an array of track ids");
    }
    if (!state.findPlaylist(playlistChange[1])) return sendJson(res, 404, { error: `unknown playlist: ${playlistChange[1]}` });
    try {
      const playlist = state.changePlaylist(playlistChange[1], { add, remove, addTrackIds: body.addTrackIds as string[] | undefined });
      return sendJson(res, 200, playlistSummary(playlist));
    } catch (error) {
      return bad((error as Error).message);
    }
  }
  const bulk = /^\/listeners\/([^/]+)\/playlists$/.exec(path);
  if (bulk) {
    if (!state.listener(bulk[1])) return sendJson(res, 404, { error: `unknown listener: ${bulk[1]}` });
    const count = positiveInt(body.count);
    const tracks = positiveInt(body.tracks);
    if (count === undefined || count < 1 || count > 1000 || tracks === undefined || tracks < 1 || tracks > 500) {
      return bad("count must be an integer from 1 to 1000 and tracks from 1 to 500");
    }
    return sendJson(res, 200, state.addBulkPlaylists(bulk[1], { count, tracks }).map(playlistSummary));
  }
  const listenerAction = /^\/listeners\/([^/]+)\/(play|revoke)$/.exec(path);
  if (listenerAction) {
    const [, id, action] = listenerAction;
    if (!state.listener(id)) return sendJson(res, 404, { error: `unknown listener: ${id}` });
    if (action === "revoke") {
      state.revoke(id);
      return sendJson(res, 200, { ok: true });
    }
    const count = positiveInt(body.count, 1);
    if (count === undefined || count < 1 || count > 1000) return bad("count must be an integer from 1 to 1000");
    if (body.localFile !== undefined && typeof body.localFile !== "boolean") return bad("localFile must be true or false");
    const plays = state.play(id, count, { localFile: body.localFile === true });
    return sendJson(res, 200, {
      plays: plays.map((p) => ({ trackId: p.trackId, playedAt: p.playedAt.toISOString(), localFile: p.localFile === true })),
    });
  }
  sendJson(res, 404, { error: "unknown control" });
}
