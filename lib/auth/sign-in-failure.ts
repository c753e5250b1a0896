/**
 * Why a sign-in with Spotify failed, told twice: to the operator in the log (the step, the HTTP
 * status, Spotify's error code or the field that failed validation) and to the user on the error
 * page (a reason among a fixed few, which says whether to retry or to ask whoever runs the site to
 * check the Spotify app settings). Neither ever holds a code, token, verifier or secret: log lines
 * are built from typed errors whose messages the Spotify client already redacted, and from fixed
 * texts otherwise.
 */
import {
  SpotifyApiError,
  SpotifyForbiddenError,
  SpotifyInvalidResponseError,
  SpotifyPremiumRequiredError,
  SpotifyRateLimitedError,
  SpotifyReauthRequiredError,
  SpotifyTransientError,
} from "@/lib/spotify";
import { redactSecrets } from "@/lib/spotify/redact";

/** Where the sign-in stopped: Spotify's consent page and its answer, the code exchange, /v1/me, or storing the account. */
export type SignInStep = "authorize" | "token exchange" | "profile" | "account";

/** What the error page tells the user (`/auth/error?reason=`). */
export const SIGN_IN_REASONS = [
  "cancelled",
  "expired",
  "app-credentials",
  "redirect-uri",
  "not-allowlisted",
  "premium-required",
  "unreachable",
  "unexpected-response",
  "unknown",
] as const;
export type SignInReason = (typeof SIGN_IN_REASONS)[number];

export type SignInFailure = {
  step: SignInStep;
  reason: SignInReason;
  /** HTTP status of Spotify's answer, when there was one. */
  status?: number;
  /** Spotify's error code (`invalid_client`, `invalid_grant`, `access_denied`). */
  code?: string;
  /** The response field that failed validation (`id`, `access_token`). */
  field?: string;
  /** One line for the log, already free of secrets. */
  detail: string;
};

export function isSignInReason(value: unknown): value is SignInReason {
  return typeof value === "string" && (SIGN_IN_REASONS as readonly string[]).includes(value);
}

/** Error codes come from a query string or a response body: only a plain code is kept. */
function plainCode(value: unknown): string | undefined {
  return typeof value === "string" && /^[a-z_]{1,40}$/i.test(value) ? value.toLowerCase() : undefined;
}

/** Anything that reads like a credential: long opaque runs of token characters. */
const OPAQUE = /[A-Za-z0-9_~+/=.-]{32,}/g;

/**
 * The first line of an error message that did not come from the Spotify client, cut short, with
 * the known secrets and anything token-shaped taken out.
 */
export function safeErrorText(error: unknown, secrets: readonly (string | undefined)[] = []): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(message.split("\n")[0], secrets).replace(OPAQUE, "[redacted]").slice(0, 300);
}

/** A failure of the code exchange or the profile read, from the Spotify client's typed errors. */
export function signInFailureOf(step: Exclude<SignInStep, "account">, error: unknown): SignInFailure {
  const detail = safeErrorText(error);
  if (error instanceof SpotifyInvalidResponseError) {
    return { step, reason: "unexpected-response", status: 200, field: error.field || undefined, detail };
  }
  if (error instanceof SpotifyTransientError) {
    return { step, reason: "unreachable", status: error.status, detail };
  }
  if (error instanceof SpotifyRateLimitedError) {
    return { step, reason: "unreachable", status: 429, detail };
  }
  if (error instanceof SpotifyPremiumRequiredError) {
    return { step, reason: "premium-required", status: 403, detail };
  }
  if (error instanceof SpotifyForbiddenError) {
    // A development-mode app answers 403 to users not on its allowlist (Users Management).
    return { step, reason: "not-allowlisted", status: 403, detail };
  }
  if (error instanceof SpotifyReauthRequiredError) {
    if (error.reason === "invalid_grant") {
      // The code expired, was used already, or was issued for another redirect URI.
      const redirect = /redirect[_ ]uri/i.test(error.message);
      return { step, reason: redirect ? "redirect-uri" : "expired", status: 400, code: "invalid_grant", detail };
    }
    return { step, reason: "expired", status: 401, detail };
  }
  if (error instanceof SpotifyApiError) {
    const code = plainCode(error.code);
    if (code === "invalid_client") return { step, reason: "app-credentials", status: error.status, code, detail };
    if (code === "invalid_request" && /redirect/i.test(error.message)) return { step, reason: "redirect-uri", status: error.status, code, detail };
    return { step, reason: "unknown", status: error.status, code, detail };
  }
  return { step, reason: "unknown", detail };
}

/** Spotify sent the user back with `?error=` (declined consent, or an app it refuses). */
export function authorizeFailure(errorCode: unknown): SignInFailure {
  const code = plainCode(errorCode);
  if (code === "access_denied") return { step: "authorize", reason: "cancelled", code, detail: "Spotify answered access_denied (the user declined, or Spotify refused the app)" };
  if (code === "invalid_client") return { step: "authorize", reason: "app-credentials", code, detail: "Spotify answered invalid_client" };
  return { step: "authorize", reason: "unknown", code, detail: code ? `Spotify answered ${code}` : "Spotify answered with an error" };
}

/** The log line: step, status, Spotify's code or the failing field, and the redacted detail. */
export function describeSignInFailure(failure: SignInFailure): string {
  const facts = [
    failure.status !== undefined ? `HTTP ${failure.status}` : undefined,
    failure.code,
    failure.field !== undefined ? `field ${failure.field}` : undefined,
    `reason ${failure.reason}`,
  ].filter(Boolean);
  return `sign-in failed at ${failure.step} (${facts.join(", ")}): ${failure.detail}`;
}

/**
 * One sign-in request's record of what went wrong, filled by the provider's token and profile
 * requests and next-auth's logger, then read to send the user to the right error page.
 */
export class SignInAttempt {
  failure: SignInFailure | null = null;

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  /** Keeps (and logs) the first failure: later ones are its consequences. */
  record(failure: SignInFailure): void {
    if (this.failure) return;
    this.failure = failure;
    this.log(`[auth] ${describeSignInFailure(failure)}`);
  }

  /**
   * next-auth sends every failure to `/api/auth/error?error=<Code>`, which forwards to our page
   * without anything else: when this attempt knows why, the redirect goes straight to the page
   * with the reason.
   */
  errorPageLocation(location: string | null): string | null {
    if (!location || !this.failure) return null;
    let url: URL;
    try {
      url = new URL(location, "http://encore.invalid");
    } catch {
      return null;
    }
    if (!url.pathname.endsWith("/api/auth/error")) return null;
    const target = new URL(url.pathname.replace(/\/api\/auth\/error$/, "/auth/error"), url);
    target.searchParams.set("error", url.searchParams.get("error") ?? "OAuthCallback");
    target.searchParams.set("reason", this.failure.reason);
    return location.startsWith("/") ? `${target.pathname}${target.search}` : target.toString();
  }
}
