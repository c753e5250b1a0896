import {
  SpotifyApiError,
  SpotifyForbiddenError,
  SpotifyNotFoundError,
  SpotifyPremiumRequiredError,
  SpotifyReauthRequiredError,
} from "./errors";
import { redactSecrets } from "./redact";
import { oauthErrorBodySchema, webApiErrorBodySchema } from "./schemas";
import type { ReceivedResponse } from "./transport";

function webApiMessage(bodyText: string): string | undefined {
  try {
    const parsed = webApiErrorBodySchema.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data.error.message : undefined;
  } catch {
    return undefined;
  }
}

/** Turns a non-2xx Web API response (after retries) into the typed error callers act on. */
export function webApiErrorFor(
  endpoint: string,
  response: ReceivedResponse,
  secrets: readonly (string | undefined)[],
): Error {
  const message = redactSecrets(webApiMessage(response.bodyText) ?? `HTTP ${response.status}`, secrets);
  switch (response.status) {
    case 401:
      return new SpotifyReauthRequiredError(`${endpoint}: Spotify refused the access token (${message})`, "unauthorized");
    case 403:
      return /premium/i.test(message)
        ? new SpotifyPremiumRequiredError(endpoint, message)
        : new SpotifyForbiddenError(endpoint, message);
    case 404:
      return new SpotifyNotFoundError(endpoint);
    default:
      return new SpotifyApiError(endpoint, response.status, message);
  }
}

/** Turns a failed token-endpoint response into an error; `invalid_grant` means sign in again. */
export function accountsErrorFor(
  endpoint: string,
  response: ReceivedResponse,
  secrets: readonly (string | undefined)[],
): Error {
  let body: { error: string; error_description?: string } | undefined;
  try {
    const parsed = oauthErrorBodySchema.safeParse(JSON.parse(response.bodyText));
    if (parsed.success) body = parsed.data;
  } catch {
    body = undefined;
  }
  const description = redactSecrets(
    body ? `${body.error}${body.error_description ? `: ${body.error_description}` : ""}` : `HTTP ${response.status}`,
    secrets,
  );
  if (body?.error === "invalid_grant") {
    return new SpotifyReauthRequiredError(`${endpoint}: Spotify refused the grant (${description})`, "invalid_grant");
  }
  return new SpotifyApiError(endpoint, response.status, description, body?.error);
}
