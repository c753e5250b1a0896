import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml, readBody, redirect, sendHtml, sendJson, sendOAuthError } from "./http";
import type { AuthorizationRequest, SimulatorState } from "./state";

// The accounts service: /authorize (a page to pick a listener, or auto-approval for tests)
// and /api/token (authorization_code and refresh_token grants).

/** Spotify accepts HTTPS, or plain HTTP only on a loopback IP literal, never `localhost`. */
export function isAllowedRedirectUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.hash) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "[::1]");
}

function errorPage(res: ServerResponse, message: string): void {
  sendHtml(res, 400, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><h1>Something went wrong</h1><p>${escapeHtml(message)}</p></body></html>`);
}

function redirectWithCode(res: ServerResponse, state: SimulatorState, request: AuthorizationRequest, listenerId: string): void {
  const target = new URL(request.redirectUri);
  target.searchParams.set("code", state.issueCode(request, listenerId));
  if (request.state !== undefined) target.searchParams.set("state", request.state);
  redirect(res, target.toString());
}

export function handleAuthorize(req: IncomingMessage, res: ServerResponse, url: URL, state: SimulatorState): void {
  const params = url.searchParams;
  const clientId = params.get("client_id");
  if (clientId !== state.options.clientId) return errorPage(res, "INVALID_CLIENT: Invalid client");
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!isAllowedRedirectUri(redirectUri)) return errorPage(res, "INVALID_CLIENT: Invalid redirect URI");
  if (params.get("response_type") !== "code") return errorPage(res, "unsupported_response_type: response_type must be code");
  const codeChallenge = params.get("code_challenge") ?? undefined;
  if (codeChallenge !== undefined && params.get("code_challenge_method") !== "S256") {
    return errorPage(res, "invalid_request: code_challenge_method must be S256");
  }
  const request = state.saveAuthorizationRequest({
    clientId,
    redirectUri,
    state: params.get("state") ?? undefined,
    scope: params.get("scope") ?? "",
    codeChallenge,
  });

  const autoListener = params.get("sim_listener") ?? state.autoApproveListenerId;
  if (autoListener) {
    state.autoApproveListenerId = undefined;
    if (!state.listener(autoListener)) return errorPage(res, `unknown simulated listener: ${autoListener}`);
    state.takeAuthorizationRequest(request.id);
    return redirectWithCode(res, state, request, autoListener);
  }

  const named = state.listeners.filter((l) => !l.id.startsWith("listener-"));
  const items = named
    .map((l) => {
      const href = `/authorize/approve?request=${encodeURIComponent(request.id)}&listener=${encodeURIComponent(l.id)}`;
      return `<li><a class="button" href="${escapeHtml(href)}">Continue as ${escapeHtml(l.displayName)}</a> <small>(${escapeHtml(l.timeZone)})</small></li>`;
    })
    .join("\n");
  const cancel = `/authorize/approve?request=${encodeURIComponent(request.id)}&deny=1`;
  const scopes = request.scope.split(/\s+/).filter(Boolean).map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("");
  sendHtml(
    res,
    200,
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Spotify simulator: sign in</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
ul{list-style:none;padding:0}li{margin:.6rem 0}.button{display:inline-block;padding:.6rem 1rem;border-radius:2rem;background:#1db954;color:#000;text-decoration:none;font-weight:600}</style>
</head><body>
<h1>Spotify simulator</h1>
<p>Choose the simulated listener who signs in to this app.</p>
<ul>${items}</ul>
${scopes ? `<p>The app asks for:</p><ul>${scopes}</ul>` : ""}
<p><a href="${escapeHtml(cancel)}">Cancel</a></p>
</body></html>`,
  );
}

export function handleApprove(req: IncomingMessage, res: ServerResponse, url: URL, state: SimulatorState): void {
  const request = state.takeAuthorizationRequest(url.searchParams.get("request") ?? "");
  if (!request) return errorPage(res, "This sign-in request has expired or was already used. Start again.");
  if (url.searchParams.has("deny")) {
    const target = new URL(request.redirectUri);
    target.searchParams.set("error", "access_denied");
    if (request.state !== undefined) target.searchParams.set("state", request.state);
    return redirect(res, target.toString());
  }
  const listenerId = url.searchParams.get("listener") ?? "";
  if (!state.listener(listenerId)) return errorPage(res, `unknown simulated listener: ${listenerId}`);
  redirectWithCode(res, state, request, listenerId);
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

interface ClientAuth {
  clientId: string | undefined;
  clientSecret: string | undefined;
}

function clientAuthOf(req: IncomingMessage, form: URLSearchParams): ClientAuth {
  const header = req.headers.authorization;
  if (header?.startsWith("Basic ")) {
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon < 0 ? { clientId: decoded, clientSecret: undefined } : { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
  }
  return { clientId: form.get("client_id") ?? undefined, clientSecret: form.get("client_secret") ?? undefined };
}

export async function handleToken(req: IncomingMessage, res: ServerResponse, state: SimulatorState): Promise<void> {
  const contentType = req.headers["content-type"] ?? "";
  if (!contentType.startsWith("application/x-www-form-urlencoded")) {
    return sendOAuthError(res, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(await readBody(req));
  const auth = clientAuthOf(req, form);
  if (auth.clientId !== state.options.clientId) return sendOAuthError(res, 400, "invalid_client", "Invalid client");
  if (auth.clientSecret !== undefined && !sameSecret(auth.clientSecret, state.options.clientSecret)) {
    return sendOAuthError(res, 400, "invalid_client", "Invalid client secret");
  }
  const confidential = auth.clientSecret !== undefined;
  const grantType = form.get("grant_type");

  if (grantType === "authorization_code") {
    const code = state.takeCode(form.get("code") ?? "");
    if (!code || code.clientId !== auth.clientId) return sendOAuthError(res, 400, "invalid_grant", "Invalid authorization code");
    if (form.get("redirect_uri") !== code.redirectUri) return sendOAuthError(res, 400, "invalid_grant", "Invalid redirect URI");
    const verifier = form.get("code_verifier");
    if (code.codeChallenge !== undefined) {
      const challenge = verifier ? createHash("sha256").update(verifier).digest("base64url") : "";
      if (!verifier || challenge !== code.codeChallenge) return sendOAuthError(res, 400, "invalid_grant", "code_verifier was incorrect");
    } else if (!confidential) {
      return sendOAuthError(res, 400, "invalid_client", "Invalid client secret");
    }
    const tokens = state.issueTokens({ listenerId: code.listenerId, clientId: code.clientId, scope: code.scope, publicClient: !confidential });
    return sendJson(res, 200, {
      access_token: tokens.accessToken,
      token_type: "Bearer",
      expires_in: tokens.expiresIn,
      refresh_token: tokens.refreshToken,
      scope: code.scope,
    });
  }

  if (grantType === "refresh_token") {
    const presented = form.get("refresh_token") ?? "";
    const grant = state.refreshGrant(presented);
    if (grant === "expired") return sendOAuthError(res, 400, "invalid_grant", "Refresh token revoked");
    if (!grant || grant.clientId !== auth.clientId) return sendOAuthError(res, 400, "invalid_grant", "Invalid refresh token");
    if (!confidential && !grant.publicClient) return sendOAuthError(res, 400, "invalid_client", "Invalid client secret");
    const access = state.issueAccessToken(grant);
    const body: Record<string, unknown> = {
      access_token: access.accessToken,
      token_type: "Bearer",
      expires_in: access.expiresIn,
      scope: grant.scope,
    };
    if (state.options.rotateRefreshTokens) body.refresh_token = state.rotateRefreshToken(presented, grant);
    return sendJson(res, 200, body);
  }

  sendOAuthError(res, 400, "unsupported_grant_type", `grant_type must be authorization_code or refresh_token`);
}
