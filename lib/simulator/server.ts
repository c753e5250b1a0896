import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApprove, handleAuthorize, handleToken } from "./accounts-routes";
import { handleControl, listenerSummaries, playlistSummaries, playlistSummary } from "./control-routes";
import { applyFault } from "./faults";
import { sendJson, sendWebApiError } from "./http";
import { sendPlaceholderImage } from "./images";
import type { SimPlay } from "./catalogue-model";
import { DEFAULT_SEED } from "./listeners";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SimulatorState, type Fault, type LogEntry } from "./state";
import type { AppQuota } from "./spotify-objects";
import { handleWebApi } from "./web-api-routes";

// One HTTP server for both Spotify services: SPOTIFY_ACCOUNTS_URL = SPOTIFY_API_URL = its url.

export interface StartSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  seed?: string;
  latencyMs?: number;
  clientId?: string;
  clientSecret?: string;
  /** Generated listeners `listener-0001`... on top of the named ones, for benchmarks. */
  extraListeners?: number;
  /** The simulator's clock: token expiry, refresh-token age, new plays. */
  now?: () => Date;
  accessTokenTtlSeconds?: number;
  rotateRefreshTokens?: boolean;
  /** "development" (default): artists without genres, popularity, followers; "extended": with them. */
  quota?: AppQuota;
}

export interface SimulatorHandle {
  url: string;
  state: SimulatorState;
  close(): Promise<void>;
  addFault(fault: Fault): void;
  setLatency(ms: number): void;
  setQuota(quota: AppQuota): void;
  log(): LogEntry[];
  clearLog(): void;
  play(listenerId: string, count: number, options?: { localFile?: boolean }): SimPlay[];
  revoke(listenerId: string): void;
  expireAccessTokens(): void;
  autoApprove(listenerId: string): void;
  reset(): void;
  listeners(): ReturnType<typeof listenerSummaries>;
  /** The listener's library, every playlist with its items (whatever a token's scopes). */
  playlists(listenerId: string): ReturnType<typeof playlistSummaries>;
  /** The owner edits a playlist: items removed from the front, tracks appended; a new snapshot. */
  changePlaylist(playlistId: string, change: { add?: number; remove?: number; addTrackIds?: string[] }): ReturnType<typeof playlistSummary>;
  /** More playlists for the listener (benchmarks). */
  addPlaylists(listenerId: string, options: { count: number; tracks: number }): ReturnType<typeof playlistSummary>[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function route(req: IncomingMessage, res: ServerResponse, state: SimulatorState, baseUrl: string): Promise<void> {
  const url = new URL(req.url ?? "/", baseUrl);
  const path = url.pathname;
  if (path.startsWith("/_sim/")) return handleControl(req, res, url, state);
  if (path.startsWith("/images/")) return sendPlaceholderImage(res, path.slice(8));

  // Spotify's traffic: logged (never with credentials), delayed and faulted on request.
  const method = req.method ?? "GET";
  res.on("close", () => {
    state.record({ method, path, status: res.writableFinished ? res.statusCode : 0, time: new Date().toISOString() });
  });
  if (state.latencyMs > 0) await sleep(state.latencyMs);
  const fault = state.takeFault(path);
  if (fault && applyFault(res, fault)) return;

  if (path === "/authorize" && method === "GET") return handleAuthorize(req, res, url, state);
  if (path === "/authorize/approve" && method === "GET") return handleApprove(req, res, url, state);
  if (path === "/api/token" && method === "POST") return handleToken(req, res, state);
  if (path.startsWith("/v1/")) return handleWebApi(req, res, url, state, baseUrl);
  if (path === "/" && method === "GET") {
    return sendJson(res, 200, { name: "Encore Spotify simulator", accountsUrl: baseUrl, apiUrl: baseUrl, listeners: listenerSummaries(state).slice(0, 10) });
  }
  sendWebApiError(res, 404, "Service not found");
}

export async function startSimulator(options: StartSimulatorOptions = {}): Promise<SimulatorHandle> {
  const state = new SimulatorState({
    seed: options.seed ?? DEFAULT_SEED,
    extraListeners: options.extraListeners ?? 0,
    now: options.now ?? (() => new Date()),
    clientId: options.clientId ?? DEMO_CLIENT_ID,
    clientSecret: options.clientSecret ?? DEMO_CLIENT_SECRET,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    latencyMs: options.latencyMs ?? 0,
    quota: options.quota ?? "development",
  });
  const host = options.host ?? "127.0.0.1";
  let baseUrl = "";
  const server = createServer((req, res) => {
    route(req, res, state, baseUrl).catch((error: unknown) => {
      if (!res.headersSent) sendWebApiError(res, 500, `Simulator error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addFault: (fault) => state.addFault(fault),
    setLatency: (ms) => {
      state.latencyMs = ms;
    },
    setQuota: (quota) => {
      state.quota = quota;
    },
    log: () => [...state.log],
    clearLog: () => {
      state.log = [];
    },
    play: (listenerId, count, options) => state.play(listenerId, count, options),
    revoke: (listenerId) => state.revoke(listenerId),
    expireAccessTokens: () => state.expireAccessTokens(),
    autoApprove: (listenerId) => {
      state.autoApproveListenerId = listenerId;
    },
    reset: () => state.reset(),
    listeners: () => listenerSummaries(state),
    playlists: (listenerId) => playlistSummaries(state, listenerId),
    changePlaylist: (playlistId, change) => playlistSummary(state.changePlaylist(playlistId, change)),
    addPlaylists: (listenerId, options) => state.addBulkPlaylists(listenerId, options).map(playlistSummary),
  };
}
