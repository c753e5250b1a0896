/**
 * Connects many simulated listeners quickly, through the same HTTP authorisation-code + PKCE
 * exchange as sign-in (with the simulator's latency off while connecting), a few at a time.
 */
import { randomBytes } from "node:crypto";
import { storeTokens } from "@/lib/auth/tokens";
import type { Db } from "@/lib/db/client";
import { buildAuthorizeUrl, createPkcePair, exchangeCode } from "@/lib/spotify";
import type { SimulatorHandle } from "@/lib/simulator";

const REDIRECT_URI = "http://127.0.0.1:3999/api/auth/callback/spotify";

async function connectOne(sim: SimulatorHandle, db: Db, listenerId: string, displayName: string, timeZone: string): Promise<string> {
  const { codeVerifier, codeChallenge } = createPkcePair();
  const state = randomBytes(8).toString("hex");
  const authorize = new URL(buildAuthorizeUrl({ state, codeChallenge, redirectUri: REDIRECT_URI }));
  authorize.searchParams.set("sim_listener", listenerId);
  const response = await fetch(authorize, { redirect: "manual" });
  const location = new URL(response.headers.get("location") ?? "");
  if (location.searchParams.get("state") !== state) throw new Error(`state did not round-trip for ${listenerId}`);
  const tokens = await exchangeCode({ code: location.searchParams.get("code") ?? "", codeVerifier, redirectUri: REDIRECT_URI });
  const user = await db.user.create({ data: { spotifyId: listenerId, displayName, authorizedAt: new Date(), timeZone } });
  await storeTokens(db, user.id, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt, scope: tokens.scope });
  return user.id;
}

/** Connects every listener; returns Spotify id → user id. */
export async function connectListeners(sim: SimulatorHandle, db: Db, listenerIds: string[], parallel = 16): Promise<Map<string, string>> {
  const summaries = new Map(sim.listeners().map((listener) => [listener.id, listener]));
  const userIds = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < listenerIds.length) {
      const listenerId = listenerIds[next++];
      const summary = summaries.get(listenerId);
      userIds.set(listenerId, await connectOne(sim, db, listenerId, summary?.displayName ?? listenerId, summary?.timeZone ?? "UTC"));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return userIds;
}
