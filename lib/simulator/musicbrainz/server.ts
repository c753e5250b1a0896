import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { generateCatalogue } from "../catalogue";
import type { Catalogue } from "../catalogue-model";
import { readJsonBody, sendJson } from "../http";
import { DEFAULT_SEED } from "../listeners";
import { generateMusicBrainzCatalogue, type MusicBrainzCatalogue } from "./catalogue";
import { artistEntity, HELP, RATE_LIMIT_MESSAGE, searchMatch, urlEntity } from "./responses";
import { searchArtists } from "./search";

// A MusicBrainz web service (ws/2, JSON) for the demo and the tests: the URL lookup, the artist
// search and the artist lookup Encore makes, over the Spotify simulator's artists. Like
// musicbrainz.org it refuses requests without a User-Agent (403) and answers 503 ("slow down")
// to a request that comes less than a second after the previous one; faults, latency and that
// interval can be set through startMusicBrainzSimulator's handle or POST /_sim/... .

export type MbFaultKind = "503" | "500" | "drop" | "malformed";

export interface MbFault {
  /** Request path it applies to: exact, or a prefix of it. */
  path: string;
  count: number;
  kind: MbFaultKind;
  /** Seconds, sent as Retry-After with a 503. */
  retryAfter?: number;
}

export interface MbLogEntry {
  method: string;
  path: string;
  /** The query string, decoded (`resource`, `query`, `inc`, ...). */
  params: Record<string, string>;
  status: number;
  /** Arrival, in epoch milliseconds with sub-millisecond precision. */
  at: number;
  time: string;
  userAgent: string | null;
  /** Answered 503 because it came too soon after the previous request. */
  rateLimited: boolean;
}

export interface StartMusicBrainzSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Seed of the Spotify simulator's catalogue that this one describes. */
  seed?: string;
  catalogue?: Catalogue;
  /** More Spotify-style artists known only here (benchmarks): see `catalogue.entries`. */
  extraArtists?: number;
  latencyMs?: number;
  /** A request closer than this to the previous accepted one is answered 503; 0 turns it off. Default 1000. */
  minIntervalMs?: number;
}

export interface MusicBrainzSimulatorHandle {
  url: string;
  catalogue: MusicBrainzCatalogue;
  close(): Promise<void>;
  addFault(fault: MbFault): void;
  setLatency(ms: number): void;
  setMinInterval(ms: number): void;
  log(): MbLogEntry[];
  clearLog(): void;
  /** No faults, no log, the configured latency and interval, and no memory of the last request. */
  reset(): void;
}

const FAULT_KINDS: readonly MbFaultKind[] = ["503", "500", "drop", "malformed"];
const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SPOTIFY_ARTIST_URL = /^https?:\/\/open\.spotify\.com\/artist\/([0-9A-Za-z]+)\/?$/;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const epochMs = () => performance.timeOrigin + performance.now();

class MbState {
  faults: MbFault[] = [];
  log: MbLogEntry[] = [];
  latencyMs: number;
  minIntervalMs: number;
  lastAcceptedAt: number | null = null;

  constructor(private readonly defaults: { latencyMs: number; minIntervalMs: number }) {
    this.latencyMs = defaults.latencyMs;
    this.minIntervalMs = defaults.minIntervalMs;
  }

  reset(): void {
    this.faults = [];
    this.log = [];
    this.latencyMs = this.defaults.latencyMs;
    this.minIntervalMs = this.defaults.minIntervalMs;
    this.lastAcceptedAt = null;
  }

  takeFault(path: string): MbFault | undefined {
    const fault = this.faults.find((f) => f.count > 0 && (path === f.path || path.startsWith(f.path)));
    if (!fault) return undefined;
    fault.count -= 1;
    this.faults = this.faults.filter((f) => f.count > 0);
    return fault;
  }
}

const notFound = (res: ServerResponse) => sendJson(res, 404, { error: "Not Found", help: HELP });
const badRequest = (res: ServerResponse, error: string) => sendJson(res, 400, { error, help: HELP });

/** Breaks the list a client reads (relations, search matches or genres): it becomes a string. */
export function corruptMbJson(text: string): string {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    for (const key of ["relations", "artists", "genres"]) {
      if (key in parsed) {
        parsed[key] = "not a list";
        return JSON.stringify(parsed);
      }
    }
  } catch {
    // not JSON: cut it below
  }
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

function applyFault(res: ServerResponse, fault: MbFault): boolean {
  if (fault.kind === "503") {
    sendJson(res, 503, { error: RATE_LIMIT_MESSAGE }, fault.retryAfter === undefined ? {} : { "Retry-After": String(fault.retryAfter) });
    return true;
  }
  if (fault.kind === "500") {
    sendJson(res, 500, { error: "Internal server error" });
    return true;
  }
  if (fault.kind === "drop") {
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": 4096 });
    res.write('{"id":');
    setImmediate(() => res.socket?.destroy());
    return true;
  }
  // "malformed": the handler answers, and its body is corrupted on the way out.
  const end = res.end.bind(res);
  const writeHead = res.writeHead.bind(res);
  let status = 200;
  let headers: Record<string, string | number> = {};
  res.writeHead = ((code: number, head?: Record<string, string | number>) => {
    status = code;
    headers = { ...(head ?? {}) };
    return res;
  }) as unknown as typeof res.writeHead;
  res.end = ((chunk?: unknown) => {
    const body = status === 200 && chunk !== undefined ? corruptMbJson(String(chunk)) : chunk === undefined ? "" : String(chunk);
    headers["Content-Length"] = Buffer.byteLength(body);
    writeHead(status, headers);
    return end(body);
  }) as unknown as typeof res.end;
  return false;
}

function handleWs(res: ServerResponse, url: URL, catalogue: MusicBrainzCatalogue): void {
  const params = url.searchParams;
  const inc = new Set((params.get("inc") ?? "").split(/[+ ]/).filter(Boolean));
  if (url.pathname === "/ws/2/url") {
    const resource = params.get("resource");
    if (!resource) return badRequest(res, "Missing parameter: resource.");
    const spotifyId = SPOTIFY_ARTIST_URL.exec(resource)?.[1];
    if (!spotifyId || !catalogue.urlIds.has(spotifyId)) return notFound(res);
    return sendJson(res, 200, urlEntity(catalogue, spotifyId, resource, inc.has("artist-rels")));
  }
  if (url.pathname === "/ws/2/artist" || url.pathname === "/ws/2/artist/") {
    const query = params.get("query");
    if (!query) return badRequest(res, "Missing parameter: query.");
    const limit = Math.min(100, Math.max(1, Number(params.get("limit") ?? 25) || 25));
    const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
    const matches = searchArtists(catalogue.artists, query);
    return sendJson(res, 200, {
      created: new Date().toISOString(),
      count: matches.length,
      offset,
      artists: matches.slice(offset, offset + limit).map((match) => searchMatch(match.artist, match.score)),
    });
  }
  const lookup = /^\/ws\/2\/artist\/([^/]+)$/.exec(url.pathname);
  if (lookup) {
    if (!MBID.test(lookup[1])) return badRequest(res, "Invalid mbid.");
    const artist = catalogue.byId.get(lookup[1].toLowerCase());
    if (!artist) return notFound(res);
    return sendJson(res, 200, artistEntity(artist, inc.has("genres")));
  }
  notFound(res);
}

async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, state: MbState, catalogue: MusicBrainzCatalogue): Promise<void> {
  const path = url.pathname.replace(/^\/_sim/, "");
  const method = req.method ?? "GET";
  const bad = (message: string) => sendJson(res, 400, { error: message });
  if (method === "GET" && path === "/log") return sendJson(res, 200, state.log);
  if (method === "DELETE" && path === "/log") {
    state.log = [];
    return sendJson(res, 200, { ok: true });
  }
  if (method === "GET" && path === "/artists") return sendJson(res, 200, catalogue.entries);
  if (method !== "POST") return sendJson(res, 404, { error: "unknown control" });
  let body: Record<string, unknown>;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    return bad(`invalid JSON body: ${(error as Error).message}`);
  }
  const whole = (value: unknown) => typeof value === "number" && Number.isInteger(value) && value >= 0;
  if (path === "/reset") {
    state.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (path === "/faults") {
    const kind = String(body.kind) as MbFaultKind;
    if (typeof body.path !== "string" || !body.path.startsWith("/")) return bad("path must start with /");
    if (!FAULT_KINDS.includes(kind)) return bad(`kind must be one of ${FAULT_KINDS.join(", ")}`);
    if (body.count !== undefined && !whole(body.count)) return bad("count must be a non-negative integer");
    if (body.retryAfter !== undefined && !whole(body.retryAfter)) return bad("retryAfter must be a non-negative integer");
    state.faults.push({ path: body.path, kind, count: (body.count as number | undefined) ?? 1, retryAfter: body.retryAfter as number | undefined });
    return sendJson(res, 200, { ok: true, faults: state.faults });
  }
  if (path === "/latency") {
    if (!whole(body.ms)) return bad("ms must be a non-negative integer");
    state.latencyMs = body.ms as number;
    return sendJson(res, 200, { ok: true });
  }
  if (path === "/rate-limit") {
    if (!whole(body.minIntervalMs)) return bad("minIntervalMs must be a non-negative integer");
    state.minIntervalMs = body.minIntervalMs as number;
    return sendJson(res, 200, { ok: true });
  }
  sendJson(res, 404, { error: "unknown control" });
}

async function route(req: IncomingMessage, res: ServerResponse, state: MbState, catalogue: MusicBrainzCatalogue, baseUrl: string): Promise<void> {
  const at = epochMs();
  const url = new URL(req.url ?? "/", baseUrl);
  if (url.pathname.startsWith("/_sim/")) return handleControl(req, res, url, state, catalogue);
  if (url.pathname === "/" && req.method === "GET") {
    return sendJson(res, 200, { name: "Encore MusicBrainz simulator", url: baseUrl, artists: catalogue.artists.length });
  }

  // Like the real limiter, it looks at arrivals: one accepted request per interval.
  const rateLimited = state.minIntervalMs > 0 && state.lastAcceptedAt !== null && at - state.lastAcceptedAt < state.minIntervalMs;
  if (!rateLimited) state.lastAcceptedAt = at;
  const entry: MbLogEntry = {
    method: req.method ?? "GET",
    path: url.pathname,
    params: Object.fromEntries(url.searchParams),
    status: 0,
    at,
    time: new Date(at).toISOString(),
    userAgent: req.headers["user-agent"] ?? null,
    rateLimited,
  };
  state.log.push(entry);
  res.on("close", () => {
    entry.status = res.writableFinished ? res.statusCode : 0;
  });
  if (state.latencyMs > 0) await sleep(state.latencyMs);
  if (rateLimited) return sendJson(res, 503, { error: RATE_LIMIT_MESSAGE }, { "Retry-After": "1" });
  if (!entry.userAgent) return sendJson(res, 403, { error: "Requests without a User-Agent are refused: name your application and a contact." });
  if (req.method !== "GET") return sendJson(res, 405, { error: "Method not allowed", help: HELP });
  const fault = state.takeFault(url.pathname);
  if (fault && applyFault(res, fault)) return;
  const accept = req.headers.accept ?? "";
  if (url.searchParams.get("fmt") !== "json" && !accept.includes("application/json")) {
    return badRequest(res, "This simulator answers JSON only: add fmt=json or Accept: application/json.");
  }
  handleWs(res, url, catalogue);
}

export async function startMusicBrainzSimulator(options: StartMusicBrainzSimulatorOptions = {}): Promise<MusicBrainzSimulatorHandle> {
  const catalogue = generateMusicBrainzCatalogue(options.catalogue ?? generateCatalogue(options.seed ?? DEFAULT_SEED), { extraArtists: options.extraArtists });
  const state = new MbState({ latencyMs: options.latencyMs ?? 0, minIntervalMs: options.minIntervalMs ?? 1000 });
  const host = options.host ?? "127.0.0.1";
  let baseUrl = "";
  const server = createServer((req, res) => {
    route(req, res, state, catalogue, baseUrl).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `Simulator error: ${(error as Error).message}` });
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
    catalogue,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addFault: (fault) => state.faults.push({ ...fault }),
    setLatency: (ms) => {
      state.latencyMs = ms;
    },
    setMinInterval: (ms) => {
      state.minIntervalMs = ms;
    },
    log: () => state.log.map((entry) => ({ ...entry })),
    clearLog: () => {
      state.log = [];
    },
    reset: () => state.reset(),
  };
}
