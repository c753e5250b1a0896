// Failures of a MusicBrainz request that its callers act on. Messages name the endpoint (method
// and path, never the query: it carries artist names) and MusicBrainz's reason.

export abstract class MusicBrainzError extends Error {
  abstract readonly kind: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** 503 ("slow down") that could not be waited out within this run: try again at `retryAt`. */
export class MusicBrainzRateLimitedError extends MusicBrainzError {
  readonly kind = "rate-limited";
  constructor(
    readonly endpoint: string,
    readonly retryAfterSeconds: number,
    readonly retryAt: Date,
  ) {
    super(`${endpoint}: MusicBrainz asked to slow down (503), retry after ${retryAfterSeconds} s (at ${retryAt.toISOString()})`);
  }
}

/** Other 5xx, dropped or refused connections, after the retries were used up. */
export class MusicBrainzTransientError extends MusicBrainzError {
  readonly kind = "transient";
  constructor(
    readonly endpoint: string,
    detail: string,
    readonly attempts: number,
  ) {
    super(`${endpoint}: ${detail} (gave up after ${attempts} attempt${attempts === 1 ? "" : "s"})`);
  }
}

/** An answer that does not fit its schema; names the endpoint and the offending field. */
export class MusicBrainzInvalidResponseError extends MusicBrainzError {
  readonly kind = "invalid-response";
  constructor(
    readonly endpoint: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${endpoint}: ${field ? `${field}: ` : ""}${problem}`);
  }
}

/** Any other unexpected status (400, 403 for a refused User-Agent, ...). */
export class MusicBrainzApiError extends MusicBrainzError {
  readonly kind = "api-error";
  constructor(
    readonly endpoint: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${endpoint}: HTTP ${status}${detail ? ` (${detail})` : ""}`);
  }
}

/** The run's MusicBrainz budget is spent; nothing was sent. */
export class MusicBrainzBudgetExhaustedError extends MusicBrainzError {
  readonly kind = "budget-exhausted";
  constructor(readonly limit: number) {
    super(`MusicBrainz request budget of ${limit} requests is exhausted`);
  }
}

/** The next request could only be sent after the run's deadline; nothing was sent. */
export class MusicBrainzDeadlineError extends MusicBrainzError {
  readonly kind = "deadline";
  constructor() {
    super("MusicBrainz: the next request would start after the run's time budget");
  }
}
