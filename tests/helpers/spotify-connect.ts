/**
 * Connects a simulated listener the way sign-in does: authorisation code with PKCE over real
 * HTTP against the simulator, then the user row and encrypted tokens.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { storeTokens } from "@/lib/auth/tokens";
import { buildAuthorizeUrl, createPkcePair, exchangeCode } from "@/lib/spotify";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type SimulatorHandle } from "@/lib/simulator";

export const TEST_REDIRECT_URI = "http://127.0.0.1:3999/api/auth/callback/spotify";

/** Points lib/spotify and the token cipher at the simulator for this test process. */
export function useSimulatorEnvironment(sim: SimulatorHandle): void {
  process.env.SPOTIFY_ACCOUNTS_URL = sim.url;
  process.env.SPOTIFY_API_URL = sim.url;
  process.env.SPOTIFY_CLIENT_ID = DEMO_CLIENT_ID;
  process.env.SPOTIFY_CLIENT_SECRET = DEMO_CLIENT_SECRET;
  process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
}

/** `scope`: what the listener grants (default: everything the app asks for), e.g. an older, narrower authorisation. */
export async function connectListener(sim: SimulatorHandle, db: Db, listenerId: string, options: { scope?: string } = {}): Promise<{ userId: string }> {
  const { codeVerifier, codeChallenge } = createPkcePair();
  const state = randomBytes(8).toString("hex");
  const authorize = new URL(buildAuthorizeUrl({ state, codeChallenge, redirectUri: TEST_REDIRECT_URI, scope: options.scope }));
  authorize.searchParams.set("sim_listener", listenerId);
  const response = await fetch(authorize, { redirect: "manual" });
  const location = new URL(response.headers.get("location") ?? "");
  if (location.searchParams.get("state") !== state) throw new Error("state did not round-trip");
  const tokens = await exchangeCode({ code: location.searchParams.get("code") ?? "", codeVerifier, redirectUri: TEST_REDIRECT_URI });
  const listener = sim.listeners().find((l) => l.id === listenerId);
  const user = await db.user.upsert({
    where: { spotifyId: listenerId },
    create: { spotifyId: listenerId, displayName: listener?.displayName ?? listenerId, authorizedAt: new Date(), timeZone: listener?.timeZone ?? "UTC" },
    update: { needsReauth: false, reauthReason: null },
  });
  await storeTokens(db, user.id, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt, scope: tokens.scope });
  return { userId: user.id };
}
