import { ConcurrencyLimit, RequestBudget, spotifyConcurrency } from "./budget";
import { SpotifyRateLimitedError, SpotifyTransientError } from "./errors";
import { redactSecrets } from "./redact";

// One HTTP exchange with Spotify under the retry policy of SPEC §3: at most 3 attempts of a
// request in total; 5xx and network failures are retried with exponential backoff and jitter;
// a 429 is waited out only when its Retry-After is short and fits before the run's deadline.

export const MAX_ATTEMPTS = 3;

export interface TransportOptions {
  fetch?: typeof fetch;
  budget?: RequestBudget;
  concurrency?: ConcurrencyLimit;
  /** Longest Retry-After (seconds) waited out in place; longer ones throw RateLimited. */
  maxRetryAfterSeconds?: number;
  /** The run's time budget: no wait may end after it. */
  deadline?: Date;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  retryBaseDelayMs?: number;
}

export interface OutgoingRequest {
  method: "GET" | "POST";
  url: string;
  /** Label used in errors: method and path, never the query or credentials. */
  endpoint: string;
  headers: () => Promise<Record<string, string>>;
  body?: string;
  /** Secrets that could appear in this exchange, redacted from every message. */
  secrets: () => readonly (string | undefined)[];
  /**
   * Called on a 401; returning true retries once with fresh headers (a refreshed token).
   * It throws, or returns false to hand the 401 back to the caller.
   */
  onUnauthorized?: () => Promise<boolean>;
}

export interface ReceivedResponse {
  status: number;
  headers: Headers;
  bodyText: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Parses Retry-After given in seconds or as an HTTP date; missing or odd values mean 1 s. */
function retryAfterSeconds(headers: Headers, now: Date): number {
  const value = headers.get("retry-after");
  if (!value) return 1;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
  return 1;
}

export class SpotifyTransport {
  private readonly fetchImpl: typeof fetch;
  private readonly concurrency: ConcurrencyLimit;
  private readonly maxRetryAfterSeconds: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly retryBaseDelayMs: number;

  constructor(private readonly options: TransportOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.concurrency = options.concurrency ?? spotifyConcurrency;
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 10;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
  }

  private fitsBeforeDeadline(waitMs: number): boolean {
    const deadline = this.options.deadline;
    return !deadline || this.now().getTime() + waitMs <= deadline.getTime();
  }

  private backoffMs(attempt: number): number {
    const base = this.retryBaseDelayMs * 2 ** (attempt - 1);
    return Math.round(base / 2 + this.random() * (base / 2));
  }

  /**
   * Sends the request, retrying as the policy allows. Returns any response that is not a
   * 5xx or 429 (including 4xx) for the caller to interpret.
   */
  async send(request: OutgoingRequest): Promise<ReceivedResponse> {
    let unauthorizedRetried = false;
    let lastFailure = "";
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      this.options.budget?.take();
      const headers = await request.headers();
      let response: ReceivedResponse;
      try {
        response = await this.concurrency.run(async () => {
          const res = await this.fetchImpl(request.url, {
            method: request.method,
            headers,
            body: request.body,
            redirect: "manual",
          });
          // Reading the body inside the try: a connection dropped mid-body is transient too.
          return { status: res.status, headers: res.headers, bodyText: await res.text() };
        });
      } catch (error) {
        const detail = error instanceof Error ? `${error.message}${causeCode(error)}` : "request failed";
        lastFailure = `network error: ${redactSecrets(detail, request.secrets())}`;
        if (await this.waitBeforeRetry(attempt)) continue;
        throw new SpotifyTransientError(request.endpoint, lastFailure, attempt);
      }

      if (response.status >= 500) {
        lastFailure = `HTTP ${response.status}`;
        if (await this.waitBeforeRetry(attempt)) continue;
        throw new SpotifyTransientError(request.endpoint, lastFailure, attempt, response.status);
      }

      if (response.status === 429) {
        const seconds = retryAfterSeconds(response.headers, this.now());
        const waitMs = seconds * 1000;
        const waitable =
          attempt < MAX_ATTEMPTS && seconds <= this.maxRetryAfterSeconds && this.fitsBeforeDeadline(waitMs);
        if (waitable) {
          await this.sleep(waitMs);
          continue;
        }
        throw new SpotifyRateLimitedError(request.endpoint, seconds, new Date(this.now().getTime() + waitMs));
      }

      if (response.status === 401 && request.onUnauthorized && !unauthorizedRetried && attempt < MAX_ATTEMPTS) {
        unauthorizedRetried = true;
        if (await request.onUnauthorized()) continue;
      }
      return response;
    }
    // Unreachable: every path of the last attempt returns or throws.
    throw new SpotifyTransientError(request.endpoint, lastFailure || "no response", MAX_ATTEMPTS);
  }

  /** Sleeps before the next attempt when one is left and fits the deadline. */
  private async waitBeforeRetry(attempt: number): Promise<boolean> {
    if (attempt >= MAX_ATTEMPTS) return false;
    const delay = this.backoffMs(attempt);
    if (!this.fitsBeforeDeadline(delay)) return false;
    await this.sleep(delay);
    return true;
  }
}

function causeCode(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string") {
    return ` (${cause.code})`;
  }
  return "";
}
