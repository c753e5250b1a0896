// Failures callers can act on. Messages are built from status codes and Spotify's own error
// text only; the request layer additionally redacts every secret it knows before throwing.

export abstract class SpotifyError extends Error {
  abstract readonly kind: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The user must sign in again: `invalid_grant`, a revoked grant, or 401 even after a refresh. */
export class SpotifyReauthRequiredError extends SpotifyError {
  readonly kind = "reauth-required";
  constructor(
    message: string,
    readonly reason: "invalid_grant" | "unauthorized",
  ) {
    super(message);
  }
}

/** 429 that could not be waited out here; try again at `retryAt`. */
export class SpotifyRateLimitedError extends SpotifyError {
  readonly kind = "rate-limited";
  constructor(
    readonly endpoint: string,
    readonly retryAfterSeconds: number,
    readonly retryAt: Date,
  ) {
    super(`${endpoint}: rate limited by Spotify, retry after ${retryAfterSeconds} s (at ${retryAt.toISOString()})`);
  }
}

/** 403 of a development-mode app whose owner has no Premium subscription. */
export class SpotifyPremiumRequiredError extends SpotifyError {
  readonly kind = "premium-required";
  constructor(readonly endpoint: string, spotifyMessage: string) {
    super(`${endpoint}: the Spotify app owner needs a Premium subscription (${spotifyMessage})`);
  }
}

/** Any other 403, e.g. an endpoint closed to development-mode apps. */
export class SpotifyForbiddenError extends SpotifyError {
  readonly kind = "forbidden";
  constructor(readonly endpoint: string, spotifyMessage: string) {
    super(`${endpoint}: forbidden (${spotifyMessage})`);
  }
}

/** 5xx, dropped or reset connections, after the retries were used up. */
export class SpotifyTransientError extends SpotifyError {
  readonly kind = "transient";
  constructor(
    readonly endpoint: string,
    detail: string,
    readonly attempts: number,
    /** The last HTTP status (5xx); undefined when the service could not be reached at all. */
    readonly status?: number,
  ) {
    super(`${endpoint}: ${detail} (gave up after ${attempts} attempt${attempts === 1 ? "" : "s"})`);
  }
}

export class SpotifyNotFoundError extends SpotifyError {
  readonly kind = "not-found";
  constructor(readonly endpoint: string) {
    super(`${endpoint}: not found`);
  }
}

/**
 * A response that does not fit its schema; names the endpoint and the offending field:
 * `GET /v1/me/player/recently-played: items[3].track.album.id is missing`.
 */
export class SpotifyInvalidResponseError extends SpotifyError {
  readonly kind = "invalid-response";
  constructor(
    readonly endpoint: string,
    /** The field's path (`items[3].track.album.id`), or "" when the whole body is unreadable. */
    readonly field: string,
    /** "is missing", "is invalid: expected number, received string", or what is wrong with the body. */
    readonly problem: string,
  ) {
    super(`${endpoint}: ${field ? `${field} ` : ""}${problem}`);
  }
}

/** The run's request budget is spent; nothing was sent. */
export class SpotifyBudgetExhaustedError extends SpotifyError {
  readonly kind = "budget-exhausted";
  constructor(readonly limit: number) {
    super(`Spotify request budget of ${limit} requests is exhausted`);
  }
}

/** Any other unexpected status (400, an OAuth error other than invalid_grant, ...). */
export class SpotifyApiError extends SpotifyError {
  readonly kind = "api-error";
  constructor(
    readonly endpoint: string,
    readonly status: number,
    spotifyMessage: string,
    /** The accounts service's OAuth error code (`invalid_client`, ...), when it sent one. */
    readonly code?: string,
  ) {
    super(`${endpoint}: HTTP ${status}: ${spotifyMessage}`);
  }
}
