import { readSpotifyConfig, SPOTIFY_SCOPES } from "./config";
import { accountsErrorFor } from "./error-response";
import { SpotifyInvalidResponseError } from "./errors";
import { tokenResponseSchema } from "./schemas";
import { SpotifyTransport, type TransportOptions } from "./transport";
import { parseResponse } from "./validation";

// The accounts service: authorisation URL, code exchange and refresh.

export interface AccountsOptions extends TransportOptions {
  /** Defaults to SPOTIFY_ACCOUNTS_URL. */
  accountsUrl?: string;
  /** Default to SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET; without a secret, PKCE alone. */
  clientId?: string;
  clientSecret?: string;
}

export interface TokenSet {
  accessToken: string;
  expiresAt: Date;
  scope: string;
  /** Present only when Spotify sent one (always on a code exchange; on refresh when rotated). */
  refreshToken?: string;
}

export interface AuthorizeUrlParams {
  state: string;
  codeChallenge: string;
  redirectUri: string;
  scope?: string;
  clientId?: string;
  accountsUrl?: string;
  /** Ask Spotify to show the consent page even when already granted. */
  showDialog?: boolean;
}

function resolveCredentials(options: AccountsOptions): { accountsUrl: string; clientId: string; clientSecret?: string } {
  const config = readSpotifyConfig();
  const clientId = options.clientId ?? config.clientId;
  if (!clientId) throw new Error("SPOTIFY_CLIENT_ID is not set");
  return {
    accountsUrl: (options.accountsUrl ?? config.accountsUrl).replace(/\/+$/, ""),
    clientId,
    clientSecret: options.clientSecret ?? config.clientSecret,
  };
}

export function buildAuthorizeUrl(params: AuthorizeUrlParams): string {
  const config = readSpotifyConfig();
  const clientId = params.clientId ?? config.clientId;
  if (!clientId) throw new Error("SPOTIFY_CLIENT_ID is not set");
  const url = new URL(`${(params.accountsUrl ?? config.accountsUrl).replace(/\/+$/, "")}/authorize`);
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("scope", params.scope ?? SPOTIFY_SCOPES);
  url.searchParams.set("state", params.state);
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("code_challenge", params.codeChallenge);
  if (params.showDialog) url.searchParams.set("show_dialog", "true");
  return url.toString();
}

async function requestToken(
  form: Record<string, string>,
  options: AccountsOptions,
  extraSecrets: readonly string[],
): Promise<TokenSet> {
  const { accountsUrl, clientId, clientSecret } = resolveCredentials(options);
  const transport = new SpotifyTransport(options);
  const now = options.now ?? (() => new Date());
  const body = new URLSearchParams(form);
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
  };
  if (clientSecret) {
    headers.Authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;
  } else {
    body.set("client_id", clientId);
  }
  const endpoint = "POST /api/token";
  const secrets = () => [clientSecret, ...extraSecrets];
  const sentAt = now();
  const response = await transport.send({
    method: "POST",
    url: `${accountsUrl}/api/token`,
    endpoint,
    headers: async () => headers,
    body: body.toString(),
    secrets,
  });
  if (response.status < 200 || response.status >= 300) throw accountsErrorFor(endpoint, response, secrets());
  const parsed = parseResponse(endpoint, tokenResponseSchema, response.bodyText);
  return {
    accessToken: parsed.access_token,
    // Counted from when the request left, so the token is never believed valid too long.
    expiresAt: new Date(sentAt.getTime() + parsed.expires_in * 1000),
    scope: parsed.scope,
    refreshToken: parsed.refresh_token,
  };
}

export async function exchangeCode(
  params: { code: string; codeVerifier: string; redirectUri: string },
  options: AccountsOptions = {},
): Promise<TokenSet & { refreshToken: string }> {
  const token = await requestToken(
    {
      grant_type: "authorization_code",
      code: params.code,
      redirect_uri: params.redirectUri,
      code_verifier: params.codeVerifier,
    },
    options,
    [params.code, params.codeVerifier],
  );
  if (!token.refreshToken) {
    throw new SpotifyInvalidResponseError("POST /api/token", "refresh_token", "is missing");
  }
  return { ...token, refreshToken: token.refreshToken };
}

/** Refreshes an access token; `invalid_grant` (revoked, expired) throws SpotifyReauthRequiredError. */
export async function refreshAccessToken(refreshToken: string, options: AccountsOptions = {}): Promise<TokenSet> {
  const token = await requestToken(
    { grant_type: "refresh_token", refresh_token: refreshToken },
    options,
    [refreshToken],
  );
  // Spotify may echo the same refresh token; only a different one is a rotation worth storing.
  if (token.refreshToken === refreshToken) return { ...token, refreshToken: undefined };
  return token;
}
