import { afterEach, describe, expect, it } from "vitest";
import {
  buildAuthorizeUrl,
  codeChallengeFor,
  createPkcePair,
  exchangeCode,
  refreshAccessToken,
  SPOTIFY_SCOPES,
  SpotifyApiError,
  SpotifyReauthRequiredError,
} from "@/lib/spotify";
import { DEMO_CLIENT_ID, type SimulatorHandle } from "@/lib/simulator";
import { manualClock, REDIRECT_URI, signIn, startTestSimulator } from "../helpers/simulator";

let sim: Awaited<ReturnType<typeof startTestSimulator>> | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function authorizeThroughPage(handle: SimulatorHandle, listenerName: string, params: { state: string; codeChallenge: string }) {
  const authorizeUrl = buildAuthorizeUrl({ ...params, redirectUri: REDIRECT_URI, clientId: DEMO_CLIENT_ID, accountsUrl: handle.url });
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  const link = new RegExp(`<a[^>]*href="([^"]+)"[^>]*>Continue as ${listenerName}</a>`).exec(html);
  expect(link, `page offers "Continue as ${listenerName}"`).not.toBeNull();
  const approve = await fetch(new URL(link![1].replace(/&amp;|&#38;/g, "&"), handle.url), { redirect: "manual" });
  expect(approve.status).toBe(302);
  return new URL(approve.headers.get("location")!);
}

describe("authorisation code flow with PKCE against the simulator", () => {
  it("builds the authorize URL with scopes, state and an S256 challenge", () => {
    const url = new URL(buildAuthorizeUrl({ state: "st", codeChallenge: "ch", redirectUri: REDIRECT_URI, clientId: "cid", accountsUrl: "https://accounts.example" }));
    expect(url.origin + url.pathname).toBe("https://accounts.example/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "cid",
      response_type: "code",
      redirect_uri: REDIRECT_URI,
      scope: SPOTIFY_SCOPES,
      state: "st",
      code_challenge_method: "S256",
      code_challenge: "ch",
    });
  });

  it("computes the RFC 7636 S256 challenge", () => {
    // Appendix B of RFC 7636.
    expect(codeChallengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("signs in through the listener page, exchanges the code once, and refuses its reuse", async () => {
    sim = await startTestSimulator();
    const { codeVerifier, codeChallenge } = createPkcePair();
    const callback = await authorizeThroughPage(sim, "Ada Listener", { state: "state-123", codeChallenge });
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("state")).toBe("state-123");
    const code = callback.searchParams.get("code")!;

    const tokens = await exchangeCode({ code, codeVerifier, redirectUri: REDIRECT_URI }, sim.accounts);
    expect(tokens.accessToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.scope).toBe(SPOTIFY_SCOPES);
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);

    const me = await fetch(`${sim.url}/v1/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect((await me.json()).id).toBe("ada");

    await expect(exchangeCode({ code, codeVerifier, redirectUri: REDIRECT_URI }, sim.accounts)).rejects.toBeInstanceOf(SpotifyReauthRequiredError);
  });

  it("checks the code verifier and the redirect URI", async () => {
    sim = await startTestSimulator();
    const { codeChallenge } = createPkcePair();
    const first = await authorizeThroughPage(sim, "Ben Okafor", { state: "a", codeChallenge });
    await expect(
      exchangeCode({ code: first.searchParams.get("code")!, codeVerifier: createPkcePair().codeVerifier, redirectUri: REDIRECT_URI }, sim.accounts),
    ).rejects.toThrow(/code_verifier/);

    const pair = createPkcePair();
    const second = await authorizeThroughPage(sim, "Ben Okafor", { state: "b", codeChallenge: pair.codeChallenge });
    await expect(
      exchangeCode({ code: second.searchParams.get("code")!, codeVerifier: pair.codeVerifier, redirectUri: "http://127.0.0.1:3001/cb" }, sim.accounts),
    ).rejects.toThrow(/redirect URI/i);
  });

  it("lets a public PKCE client (no secret) exchange with its client id in the body", async () => {
    sim = await startTestSimulator();
    const pair = createPkcePair();
    const callback = await authorizeThroughPage(sim, "Chandra Iyer", { state: "p", codeChallenge: pair.codeChallenge });
    const publicClient = { ...sim.accounts, clientSecret: "" };
    const tokens = await exchangeCode({ code: callback.searchParams.get("code")!, codeVerifier: pair.codeVerifier, redirectUri: REDIRECT_URI }, publicClient);
    const refreshed = await refreshAccessToken(tokens.refreshToken, publicClient);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
  });

  it("refuses a wrong client secret with invalid_client (not a re-authorisation)", async () => {
    sim = await startTestSimulator();
    const tokens = await signIn(sim);
    const error = await refreshAccessToken(tokens.refreshToken, { ...sim.accounts, clientSecret: "wrong" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyApiError);
    expect(String(error)).toMatch(/invalid_client/);
  });

  it("rejects localhost redirect URIs and unknown clients on /authorize", async () => {
    sim = await startTestSimulator();
    const { codeChallenge } = createPkcePair();
    const localhost = buildAuthorizeUrl({ state: "x", codeChallenge, redirectUri: "http://localhost:3000/cb", clientId: DEMO_CLIENT_ID, accountsUrl: sim.url });
    const res = await fetch(localhost, { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Invalid redirect URI/);
    const unknownClient = buildAuthorizeUrl({ state: "x", codeChallenge, redirectUri: REDIRECT_URI, clientId: "nope", accountsUrl: sim.url });
    expect((await fetch(unknownClient, { redirect: "manual" })).status).toBe(400);
  });

  it("auto-approves through the control endpoint", async () => {
    sim = await startTestSimulator();
    await fetch(`${sim.url}/_sim/auto-approve`, { method: "POST", body: JSON.stringify({ listenerId: "dana" }) });
    const { codeChallenge, codeVerifier } = createPkcePair();
    const res = await fetch(buildAuthorizeUrl({ state: "q", codeChallenge, redirectUri: REDIRECT_URI, clientId: DEMO_CLIENT_ID, accountsUrl: sim.url }), { redirect: "manual" });
    const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
    const tokens = await exchangeCode({ code, codeVerifier, redirectUri: REDIRECT_URI }, sim.accounts);
    const me = await fetch(`${sim.url}/v1/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect((await me.json()).display_name).toBe("Dana Kowalski");
  });
});

describe("refresh", () => {
  it("returns no refresh token when Spotify does not rotate, and a new one when it does", async () => {
    sim = await startTestSimulator();
    const tokens = await signIn(sim);
    const refreshed = await refreshAccessToken(tokens.refreshToken, sim.accounts);
    expect(refreshed.refreshToken).toBeUndefined();
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    await sim.close();

    sim = await startTestSimulator({ rotateRefreshTokens: true });
    const rotating = await signIn(sim);
    const rotated = await refreshAccessToken(rotating.refreshToken, sim.accounts);
    expect(rotated.refreshToken).toBeTruthy();
    expect(rotated.refreshToken).not.toBe(rotating.refreshToken);
    // The old one is spent; the new one works.
    await expect(refreshAccessToken(rotating.refreshToken, sim.accounts)).rejects.toBeInstanceOf(SpotifyReauthRequiredError);
    await expect(refreshAccessToken(rotated.refreshToken!, sim.accounts)).resolves.toMatchObject({ scope: SPOTIFY_SCOPES });
  });

  it("answers invalid_grant after the listener revokes the app", async () => {
    sim = await startTestSimulator();
    const tokens = await signIn(sim, "ben");
    await fetch(`${sim.url}/_sim/listeners/ben/revoke`, { method: "POST" });
    const error = await refreshAccessToken(tokens.refreshToken, sim.accounts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyReauthRequiredError);
    expect((error as SpotifyReauthRequiredError).reason).toBe("invalid_grant");
    const me = await fetch(`${sim.url}/v1/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status).toBe(401);
    expect(await me.json()).toEqual({ error: { status: 401, message: "Invalid access token" } });
  });

  it("expires refresh tokens 6 months after the first authorisation; refreshing does not extend it", async () => {
    const clock = manualClock(new Date("2026-01-15T10:00:00.000Z"));
    sim = await startTestSimulator({ now: clock.now, rotateRefreshTokens: true });
    const tokens = await signIn(sim, "chandra");
    clock.set(new Date("2026-07-15T09:59:59.000Z"));
    const lastGood = await refreshAccessToken(tokens.refreshToken, { ...sim.accounts, now: clock.now });
    // A second sign-in does not restart the 6 months either.
    await signIn(sim, "chandra");
    clock.set(new Date("2026-07-15T10:00:00.000Z"));
    await expect(refreshAccessToken(lastGood.refreshToken!, sim.accounts)).rejects.toBeInstanceOf(SpotifyReauthRequiredError);
    // Signing in again after they ended starts new 6 months; the old token stays dead.
    const again = await signIn(sim, "chandra");
    clock.set(new Date("2027-01-15T09:59:59.000Z"));
    const renewed = await refreshAccessToken(again.refreshToken, { ...sim.accounts, now: clock.now });
    await expect(refreshAccessToken(lastGood.refreshToken!, sim.accounts)).rejects.toBeInstanceOf(SpotifyReauthRequiredError);
    clock.set(new Date("2027-01-15T10:00:00.000Z"));
    await expect(refreshAccessToken(renewed.refreshToken!, sim.accounts)).rejects.toBeInstanceOf(SpotifyReauthRequiredError);
  });

  it("computes expiresAt from expires_in", async () => {
    const clock = manualClock();
    sim = await startTestSimulator({ now: clock.now, accessTokenTtlSeconds: 120 });
    const tokens = await signIn(sim);
    const refreshed = await refreshAccessToken(tokens.refreshToken, { ...sim.accounts, now: clock.now });
    expect(refreshed.expiresAt.toISOString()).toBe(new Date(clock.now().getTime() + 120_000).toISOString());
  });
});
