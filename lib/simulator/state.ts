import { randomBytes } from "node:crypto";
import type { Catalogue, SimPlay } from "./catalogue-model";
import { generateCatalogue } from "./catalogue";
import type { AppQuota } from "./spotify-objects";
import { generateFollowUpPlays, generateListenerPlays, generateListeners, type SimListener } from "./listeners";
import {
  changePlaylist,
  collaborationPartner,
  generateBulkPlaylists,
  generateDiscoverWeekly,
  generateOwnPlaylists,
  type SimPlaylist,
} from "./playlists";

// Everything the simulator remembers: catalogue, listeners and their histories, grants and
// tokens, injected faults and the request log. Plain data and methods, no HTTP.

export const DEMO_CLIENT_ID = "encore-demo-client";
export const DEMO_CLIENT_SECRET = "encore-demo-secret";

/** Spotify's recently-played endpoint only ever exposes the last 50 plays. */
export const RECENTLY_PLAYED_WINDOW = 50;
/** How much history a listener has when the simulator starts. */
const INITIAL_HISTORY_MS = 3 * 24 * 3_600_000;
const CODE_TTL_MS = 10 * 60_000;

/**
 * `invalid_client`: the accounts service refuses the app's credentials (400, OAuth body);
 * `not_registered`: the Web API refuses a user a development-mode app has not allowlisted (403);
 * `403`/`404`: a plain Web API error of that status (a playlist refused or gone).
 */
export type FaultKind = "429" | "500" | "503" | "drop" | "malformed" | "premium" | "invalid_client" | "not_registered" | "403" | "404";

export interface Fault {
  /** Request path it applies to: exact, or a prefix of it. */
  path: string;
  count: number;
  kind: FaultKind;
  /** Seconds, for 429. */
  retryAfter?: number;
}

export interface LogEntry {
  method: string;
  path: string;
  status: number;
  time: string;
}

export interface AuthorizationRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  state?: string;
  scope: string;
  codeChallenge?: string;
}

interface AuthorizationCode {
  listenerId: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge?: string;
  expiresAtMs: number;
}

interface RefreshGrant {
  listenerId: string;
  clientId: string;
  scope: string;
  /** Issued through PKCE without a client secret: refreshing needs only the client id. */
  publicClient: boolean;
}

interface AccessToken {
  listenerId: string;
  scope: string;
  expiresAtMs: number;
}

interface ListenerRuntime {
  listener: SimListener;
  /** Generated on first use: 1,000 listeners must not slow the start. */
  history?: SimPlay[];
  /** Ids of the playlists GET /v1/me/playlists lists for the listener, in order; generated on first use. */
  library?: string[];
  /** Bulk playlists added so far (their numbering goes on). */
  bulkPlaylists: number;
  followUps: number;
  /** When the listener first authorised the app; refresh tokens die 6 months later. */
  firstAuthorizedAt?: Date;
}

export interface SimulatorStateOptions {
  seed: string;
  extraListeners: number;
  now: () => Date;
  clientId: string;
  clientSecret: string;
  accessTokenTtlSeconds: number;
  rotateRefreshTokens: boolean;
  latencyMs: number;
  quota: AppQuota;
}

/** A valid token names its listener and the scopes the listener granted (space-separated, as issued). */
export type TokenCheck = { ok: true; listenerId: string; scopes: Set<string> } | { ok: false; message: "The access token expired" | "Invalid access token" };

export function addMonthsUtc(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

function opaqueToken(bytes = 48): string {
  return randomBytes(bytes).toString("base64url");
}

export class SimulatorState {
  readonly catalogue: Catalogue;
  readonly listeners: SimListener[];
  latencyMs: number;
  /** Development mode (the default: every self-hosted app) or extended quota; see AppQuota. */
  quota: AppQuota;
  faults: Fault[] = [];
  log: LogEntry[] = [];
  private runtimes = new Map<string, ListenerRuntime>();
  /** Every playlist generated so far, by id: a collaborative one is in two libraries. */
  private playlistsById = new Map<string, SimPlaylist>();
  private authorizationRequests = new Map<string, AuthorizationRequest>();
  private codes = new Map<string, AuthorizationCode>();
  private refreshTokens = new Map<string, RefreshGrant>();
  private accessTokens = new Map<string, AccessToken>();
  /** Listener chosen by a test for the next /authorize (POST /_sim/auto-approve). */
  autoApproveListenerId: string | undefined;

  constructor(readonly options: SimulatorStateOptions) {
    this.catalogue = generateCatalogue(options.seed);
    this.listeners = generateListeners(this.catalogue, options.extraListeners);
    this.latencyMs = options.latencyMs;
    this.quota = options.quota;
    this.reset();
  }

  now(): Date {
    return this.options.now();
  }

  /** Back to the start: initial histories, no grants, faults, latency or log. */
  reset(): void {
    this.runtimes = new Map(this.listeners.map((listener) => [listener.id, { listener, followUps: 0, bulkPlaylists: 0 }]));
    this.playlistsById.clear();
    this.authorizationRequests.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
    this.faults = [];
    this.log = [];
    this.latencyMs = this.options.latencyMs;
    this.autoApproveListenerId = undefined;
  }

  listener(id: string): SimListener | undefined {
    return this.runtimes.get(id)?.listener;
  }

  private runtime(id: string): ListenerRuntime {
    const runtime = this.runtimes.get(id);
    if (!runtime) throw new Error(`unknown listener: ${id}`);
    return runtime;
  }

  /** Plays Spotify would list (streams of 30 s or more), oldest first. */
  history(listenerId: string): SimPlay[] {
    const runtime = this.runtime(listenerId);
    if (!runtime.history) {
      const to = this.now();
      const plays = generateListenerPlays(this.catalogue, runtime.listener, { from: new Date(to.getTime() - INITIAL_HISTORY_MS), to });
      runtime.history = plays.filter((play) => play.msPlayed >= 30_000);
    }
    return runtime.history;
  }

  /** The listener plays `count` more tracks, the last ending now. */
  /** `localFile`: the plays are of files on the listener's device (reported without ids). */
  play(listenerId: string, count: number, options: { localFile?: boolean } = {}): SimPlay[] {
    const history = this.history(listenerId);
    const runtime = this.runtime(listenerId);
    runtime.followUps += 1;
    const plays = generateFollowUpPlays(this.catalogue, runtime.listener, {
      count,
      endAt: this.now(),
      key: String(runtime.followUps),
    });
    // Keep played_at strictly after what is already there and never after now, even when
    // called in quick succession: squeeze colliding plays into the time left since the last one.
    // With no time left at all (a frozen test clock), step by 1 ms past the last play.
    const floor = history.length > 0 ? history[history.length - 1].playedAt.getTime() : -Infinity;
    const endMs = this.now().getTime();
    if (plays.length > 0 && plays[0].playedAt.getTime() <= floor) {
      const step = Math.max(1, Math.floor((endMs - floor) / plays.length));
      plays.forEach((play, index) => {
        play.playedAt = new Date(floor + step * (index + 1));
      });
    }
    if (options.localFile) for (const play of plays) play.localFile = true;
    runtime.history!.push(...plays);
    return plays;
  }

  /** The listener's library: own playlists, the collaborative one of their pair, a followed one, Discover Weekly. */
  playlists(listenerId: string): SimPlaylist[] {
    const runtime = this.runtime(listenerId);
    if (!runtime.library) {
      const listener = runtime.listener;
      const register = (playlists: SimPlaylist[]) => {
        for (const playlist of playlists) if (!this.playlistsById.has(playlist.id)) this.playlistsById.set(playlist.id, playlist);
        return playlists.map((playlist) => this.playlistsById.get(playlist.id)!);
      };
      const own = register(generateOwnPlaylists(this.catalogue, listener, this.now()));
      const partner = collaborationPartner(listener.id);
      const partnerOwn = partner ? register(generateOwnPlaylists(this.catalogue, partner.listener, this.now())) : [];
      const shared = partnerOwn.filter((playlist) => playlist.collaboratorIds.includes(listener.id));
      const followed = partnerOwn.filter((playlist) => playlist.public && !playlist.collaborative).slice(0, 1);
      const discoverWeekly = register([generateDiscoverWeekly(this.catalogue, listener, this.now())]);
      runtime.library = [...own, ...shared, ...followed, ...discoverWeekly].map((playlist) => playlist.id);
    }
    return runtime.library.map((id) => this.playlistsById.get(id)!);
  }

  /** A playlist by id, if any library holds it. */
  findPlaylist(playlistId: string): SimPlaylist | undefined {
    return this.playlistsById.get(playlistId);
  }

  /** The listener makes `count` more playlists of `tracks` tracks each (benchmarks); they join the end of the library. */
  addBulkPlaylists(listenerId: string, options: { count: number; tracks: number }): SimPlaylist[] {
    this.playlists(listenerId);
    const runtime = this.runtime(listenerId);
    const made = generateBulkPlaylists(this.catalogue, runtime.listener, this.now(), { ...options, start: runtime.bulkPlaylists + 1 });
    runtime.bulkPlaylists += made.length;
    for (const playlist of made) this.playlistsById.set(playlist.id, playlist);
    runtime.library!.push(...made.map((playlist) => playlist.id));
    return made;
  }

  /** The owner (or a collaborator) edits a playlist: a new snapshot. */
  changePlaylist(playlistId: string, change: { add?: number; remove?: number; addTrackIds?: string[] }): SimPlaylist {
    const playlist = this.playlistsById.get(playlistId);
    if (!playlist) throw new Error(`unknown playlist: ${playlistId}`);
    for (const id of change.addTrackIds ?? []) if (!this.catalogue.trackById.has(id)) throw new Error(`unknown track: ${id}`);
    return changePlaylist(this.catalogue, playlist, { ...change, by: playlist.owner.id, now: this.now() });
  }

  // --- accounts ---------------------------------------------------------------------------

  saveAuthorizationRequest(request: Omit<AuthorizationRequest, "id">): AuthorizationRequest {
    const saved = { ...request, id: opaqueToken(16) };
    this.authorizationRequests.set(saved.id, saved);
    return saved;
  }

  takeAuthorizationRequest(id: string): AuthorizationRequest | undefined {
    const request = this.authorizationRequests.get(id);
    this.authorizationRequests.delete(id);
    return request;
  }

  issueCode(request: AuthorizationRequest, listenerId: string): string {
    const runtime = this.runtime(listenerId);
    const first = runtime.firstAuthorizedAt;
    if (!first || this.now() >= addMonthsUtc(first, 6)) {
      // A consent after the 6 months ended starts new ones; the old refresh tokens stay dead.
      if (first) for (const [token, grant] of this.refreshTokens) if (grant.listenerId === listenerId) this.refreshTokens.delete(token);
      runtime.firstAuthorizedAt = this.now();
    }
    const code = opaqueToken(32);
    this.codes.set(code, {
      listenerId,
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      scope: request.scope,
      codeChallenge: request.codeChallenge,
      expiresAtMs: this.now().getTime() + CODE_TTL_MS,
    });
    return code;
  }

  /** Removes and returns a code: codes work once, even when the exchange then fails. */
  takeCode(code: string): AuthorizationCode | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    if (found && found.expiresAtMs < this.now().getTime()) return undefined;
    return found;
  }

  issueTokens(grant: RefreshGrant): { accessToken: string; refreshToken: string; expiresIn: number } {
    const refreshToken = opaqueToken();
    this.refreshTokens.set(refreshToken, grant);
    return { ...this.issueAccessToken(grant), refreshToken };
  }

  issueAccessToken(grant: { listenerId: string; scope: string }): { accessToken: string; expiresIn: number } {
    const accessToken = opaqueToken();
    const expiresIn = this.options.accessTokenTtlSeconds;
    this.accessTokens.set(accessToken, {
      listenerId: grant.listenerId,
      scope: grant.scope,
      expiresAtMs: this.now().getTime() + expiresIn * 1000,
    });
    return { accessToken, expiresIn };
  }

  /** The grant behind a refresh token, unless revoked or past 6 months from first authorisation. */
  refreshGrant(refreshToken: string): RefreshGrant | "expired" | undefined {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant) return undefined;
    const firstAuthorizedAt = this.runtime(grant.listenerId).firstAuthorizedAt;
    if (!firstAuthorizedAt || this.now() >= addMonthsUtc(firstAuthorizedAt, 6)) return "expired";
    return grant;
  }

  /** Rotation: the old refresh token stops working once a new one is issued. */
  rotateRefreshToken(oldToken: string, grant: RefreshGrant): string {
    this.refreshTokens.delete(oldToken);
    const refreshToken = opaqueToken();
    this.refreshTokens.set(refreshToken, grant);
    return refreshToken;
  }

  checkAccessToken(token: string): TokenCheck {
    const found = this.accessTokens.get(token);
    if (!found) return { ok: false, message: "Invalid access token" };
    if (this.now().getTime() >= found.expiresAtMs) return { ok: false, message: "The access token expired" };
    return { ok: true, listenerId: found.listenerId, scopes: new Set(found.scope.split(/\s+/).filter(Boolean)) };
  }

  /** The listener removes the app: every token dies, and a new sign-in starts a new 6 months. */
  revoke(listenerId: string): void {
    const runtime = this.runtime(listenerId);
    runtime.firstAuthorizedAt = undefined;
    for (const [token, grant] of this.refreshTokens) if (grant.listenerId === listenerId) this.refreshTokens.delete(token);
    for (const [token, access] of this.accessTokens) if (access.listenerId === listenerId) this.accessTokens.delete(token);
    for (const [code, issued] of this.codes) if (issued.listenerId === listenerId) this.codes.delete(code);
  }

  expireAccessTokens(): void {
    const nowMs = this.now().getTime();
    for (const access of this.accessTokens.values()) access.expiresAtMs = Math.min(access.expiresAtMs, nowMs);
  }

  firstAuthorizedAt(listenerId: string): Date | undefined {
    return this.runtime(listenerId).firstAuthorizedAt;
  }

  // --- faults and log ---------------------------------------------------------------------

  addFault(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** The fault the next request to `path` must suffer, consuming one of its count. */
  takeFault(path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.count > 0 && (path === f.path || path.startsWith(f.path)));
    if (!fault) return undefined;
    fault.count -= 1;
    this.faults = this.faults.filter((f) => f.count > 0);
    return fault;
  }

  record(entry: LogEntry): void {
    this.log.push(entry);
  }
}
