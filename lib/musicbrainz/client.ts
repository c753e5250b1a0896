/**
 * The three MusicBrainz lookups of SPEC 12, each one HTTP request under MusicBrainz's rules: a
 * User-Agent naming Encore and a contact, at most one request per second (a RequestPacer shared
 * by the install's processes), a 503 answered by waiting its Retry-After (when short and within
 * the run's time), and network errors and other 5xx retried with backoff: at most 3 attempts of a
 * request, every attempt counted against the run's budget.
 */
import type { z } from "zod";
import {
  MusicBrainzApiError,
  MusicBrainzBudgetExhaustedError,
  MusicBrainzDeadlineError,
  MusicBrainzInvalidResponseError,
  MusicBrainzRateLimitedError,
  MusicBrainzTransientError,
} from "./errors";
import { sameArtistName, topGenres } from "./genres";
import type { RequestPacer } from "./pacer";
import { artistGenresSchema, artistSearchSchema, urlLookupSchema } from "./schemas";

export const MAX_ATTEMPTS = 3;
/** A request MusicBrainz has not answered by then is a network error (retried). */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Longest Retry-After (seconds) waited out inside a run; a longer one pauses the queue. */
export const MAX_RETRY_AFTER_SECONDS = 10;

/** Requests one run may send to MusicBrainz (MUSICBRAINZ_RUN_BUDGET). Every attempt counts. */
export class MusicBrainzBudget {
  private spent = 0;
  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`invalid MusicBrainz budget: ${limit}`);
  }
  get used(): number {
    return this.spent;
  }
  get remaining(): number {
    return this.limit - this.spent;
  }
  take(): void {
    if (this.spent >= this.limit) throw new MusicBrainzBudgetExhaustedError(this.limit);
    this.spent += 1;
  }
}

export type MusicBrainzClientOptions = {
  baseUrl: string;
  userAgent: string;
  pacer: RequestPacer;
  budget?: MusicBrainzBudget;
  /** No request is sent, and no wait ends, after this instant (of `now`). */
  deadline?: Date;
  now?: () => Date;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Base of the exponential backoff after a network error or a 5xx other than 503. */
  retryBaseDelayMs?: number;
  random?: () => number;
};

/** A name search's verdict: one exact match, none, or several (the name is ambiguous). */
export type NameSearchResult = { kind: "found"; mbid: string } | { kind: "none" } | { kind: "ambiguous"; matches: number };

export interface MusicBrainzClient {
  /** The artist whose Spotify URL relationship points at this Spotify artist; null when none or several. */
  findArtistBySpotifyId(spotifyArtistId: string): Promise<string | null>;
  /** Accepted only when exactly one result has score 100 and the same name (case-insensitive). */
  searchArtistByName(name: string): Promise<NameSearchResult>;
  /** The artist's top genres (at most 5); null when MusicBrainz no longer knows the id. */
  getArtistGenres(mbid: string): Promise<string[] | null>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as an HTTP date; missing or odd values mean 1 s ("slow down"). */
function retryAfterSeconds(headers: Headers, now: Date): number {
  const value = headers.get("retry-after");
  if (!value) return 1;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.max(1, Math.ceil((date - now.getTime()) / 1000));
  return 1;
}

/** MusicBrainz's own error text (`{"error": "..."}`), short, for messages. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === "string" ? parsed.error.slice(0, 200) : "";
  } catch {
    return "";
  }
}

function parse<T extends z.ZodType>(endpoint: string, schema: T, body: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MusicBrainzInvalidResponseError(endpoint, "", "response body is not valid JSON");
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new MusicBrainzInvalidResponseError(endpoint, issue.path.map(String).join(".") || "(body)", issue.message.replace(/^Invalid input:\s*/, ""));
}

/** A phrase query on the artist's name, with Lucene's two special characters inside quotes escaped. */
export function artistNameQuery(name: string): string {
  return `artist:"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function spotifyArtistUrl(spotifyArtistId: string): string {
  return `https://open.spotify.com/artist/${spotifyArtistId}`;
}

export function createMusicBrainzClient(options: MusicBrainzClientOptions): MusicBrainzClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 500;
  const { pacer, budget, deadline } = options;

  const fits = (waitMs: number) => !deadline || now().getTime() + waitMs <= deadline.getTime();

  /** Waits for this process's turn among the install's requests; throws when it would come too late. */
  async function takeTurn(): Promise<void> {
    for (;;) {
      const waitMs = await pacer.claim();
      if (waitMs === 0) return;
      if (!fits(waitMs)) throw new MusicBrainzDeadlineError();
      await sleep(waitMs);
    }
  }

  async function backoff(attempt: number): Promise<boolean> {
    if (attempt >= MAX_ATTEMPTS) return false;
    const base = retryBaseDelayMs * 2 ** (attempt - 1);
    const delay = Math.round(base / 2 + random() * (base / 2));
    if (!fits(delay)) return false;
    await sleep(delay);
    return true;
  }

  /** GET path?query with fmt=json; returns 200 and 404 answers, throws on everything else. */
  async function get(path: string, query: Record<string, string>): Promise<{ status: 200 | 404; body: string; endpoint: string }> {
    const url = new URL(`${baseUrl}${path}`);
    for (const [key, value] of Object.entries({ ...query, fmt: "json" })) url.searchParams.set(key, value);
    // The query holds artist names and URLs: errors and logs name the path only.
    const endpoint = `GET ${path.replace(/\/[0-9a-f-]{36}$/i, "/{mbid}")}`;
    let lastFailure = "";
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      if (budget && budget.remaining <= 0) throw new MusicBrainzBudgetExhaustedError(budget.limit);
      await takeTurn();
      budget?.take();
      let status: number;
      let headers: Headers;
      let body: string;
      try {
        const response = await fetchImpl(url, {
          headers: { "User-Agent": options.userAgent, Accept: "application/json" },
          redirect: "follow",
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        status = response.status;
        headers = response.headers;
        body = await response.text();
      } catch (error) {
        await pacer.release();
        const cause = (error as { cause?: { code?: unknown } }).cause;
        lastFailure = `network error: ${error instanceof Error ? error.message : "request failed"}${typeof cause?.code === "string" ? ` (${cause.code})` : ""}`;
        if (await backoff(attempt)) continue;
        throw new MusicBrainzTransientError(endpoint, lastFailure, attempt);
      }
      // Answered: the next request of the install may go a second from now.
      await pacer.release();
      if (status === 200 || status === 404) return { status, body, endpoint };
      if (status === 503) {
        // "Slow down": nobody in the install asks again before Retry-After has passed. A wait
        // longer than a run can afford pauses the queue instead (lib/musicbrainz/queue.ts).
        const seconds = retryAfterSeconds(headers, now());
        if (attempt < MAX_ATTEMPTS && seconds <= MAX_RETRY_AFTER_SECONDS && fits(seconds * 1000)) {
          await pacer.holdOff(seconds * 1000);
          continue;
        }
        throw new MusicBrainzRateLimitedError(endpoint, seconds, new Date(now().getTime() + seconds * 1000));
      }
      if (status >= 500) {
        lastFailure = `HTTP ${status}`;
        if (await backoff(attempt)) continue;
        throw new MusicBrainzTransientError(endpoint, lastFailure, attempt);
      }
      throw new MusicBrainzApiError(endpoint, status, errorText(body));
    }
    throw new MusicBrainzTransientError(endpoint, lastFailure || "no response", MAX_ATTEMPTS);
  }

  return {
    async findArtistBySpotifyId(spotifyArtistId) {
      const answer = await get("/ws/2/url", { resource: spotifyArtistUrl(spotifyArtistId), inc: "artist-rels" });
      if (answer.status === 404) return null;
      const url = parse(answer.endpoint, urlLookupSchema, answer.body);
      const artists = new Set((url.relations ?? []).flatMap((relation) => (relation["target-type"] === "artist" && relation.artist ? [relation.artist.id] : [])));
      // A URL linked to several artists says nothing certain about this one.
      return artists.size === 1 ? [...artists][0] : null;
    },

    async searchArtistByName(name) {
      const answer = await get("/ws/2/artist", { query: artistNameQuery(name) });
      if (answer.status === 404) throw new MusicBrainzApiError(answer.endpoint, 404, errorText(answer.body));
      const { artists } = parse(answer.endpoint, artistSearchSchema, answer.body);
      const exact = artists.filter((artist) => artist.score === 100 && sameArtistName(artist.name, name));
      const ids = new Set(exact.map((artist) => artist.id));
      if (ids.size === 1) return { kind: "found", mbid: [...ids][0] };
      return ids.size === 0 ? { kind: "none" } : { kind: "ambiguous", matches: ids.size };
    },

    async getArtistGenres(mbid) {
      const answer = await get(`/ws/2/artist/${encodeURIComponent(mbid)}`, { inc: "genres" });
      if (answer.status === 404) return null;
      return topGenres(parse(answer.endpoint, artistGenresSchema, answer.body).genres);
    },
  };
}
