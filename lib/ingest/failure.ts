/**
 * What an ingestion run records when a step fails (IngestRunUser.error, IngestRun.error, the
 * status page): the step and the reason, in one line, e.g.
 * `Recently played: GET /v1/me/player/recently-played: HTTP 503 (gave up after 3 attempts); the next run tries again.`
 * Built from the Spotify client's typed errors, whose messages hold no token, code or secret
 * (and no catalogue id: endpoints read `/v1/tracks/{id}`); anything else is redacted.
 */
import { NotConnectedError } from "@/lib/auth/tokens";
import { safeErrorText } from "@/lib/auth/sign-in-failure";
import {
  SpotifyApiError,
  SpotifyBudgetExhaustedError,
  SpotifyError,
  SpotifyForbiddenError,
  SpotifyInvalidResponseError,
  SpotifyRateLimitedError,
  SpotifyReauthRequiredError,
  SpotifyTransientError,
} from "@/lib/spotify";

/** The steps of a user's collection; a run stage is named by its own name ("enrichment", "playlists"). */
export type IngestStep = "refresh token" | "recently played" | "artist details" | (string & {});

const TOKEN_ENDPOINT = /^POST \/api\/token\b/;

/** The step an error belongs to: a failed token refresh surfaces through the request that needed the token. */
export function stepOf(error: unknown, during: IngestStep): IngestStep {
  if (error instanceof NotConnectedError) return "refresh token";
  if (error instanceof Error && TOKEN_ENDPOINT.test(error.message)) return "refresh token";
  return during;
}

function reasonOf(error: unknown): string {
  if (error instanceof NotConnectedError) return "no Spotify connection is stored; the user must sign in again.";
  if (error instanceof SpotifyReauthRequiredError) {
    return error.reason === "invalid_grant"
      ? "Spotify refused the refresh token (HTTP 400 invalid_grant: revoked, or older than six months); the user must sign in again."
      : `${error.message}; the user must sign in again.`;
  }
  if (error instanceof SpotifyApiError && error.code === "invalid_client") {
    return `${error.message}; Spotify refused the app's credentials: check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET.`;
  }
  if (error instanceof SpotifyTransientError) return `${error.message}; the next run tries again.`;
  if (error instanceof SpotifyRateLimitedError) return `rate limited by Spotify until ${error.retryAt.toISOString()}; the next run tries again.`;
  if (error instanceof SpotifyBudgetExhaustedError) return "the run's request budget ran out; the next run goes on.";
  if (error instanceof SpotifyInvalidResponseError) return `Spotify's answer did not fit what Encore reads: ${error.message}.`;
  if (error instanceof SpotifyForbiddenError) {
    return `${error.message}; a development-mode app refuses users not added under Users Management in the Spotify developer dashboard.`;
  }
  if (error instanceof SpotifyError) return error.message;
  return safeErrorText(error);
}

/** `Recently played: <reason>` (the step capitalised), one line of at most 500 characters. */
export function describeIngestFailure(during: IngestStep, error: unknown): string {
  const step = stepOf(error, during);
  return `${step[0].toUpperCase()}${step.slice(1)}: ${reasonOf(error)}`.split("\n")[0].slice(0, 500);
}
