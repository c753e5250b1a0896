/**
 * The simulator keeps its grants in memory, so a restarted demo's simulator no longer knows the
 * tokens stored for listeners who signed in before, and the next ingestion would send them to
 * "sign in again". The demo renews those consents in the new simulator (as if the listener
 * had approved again) and stores the fresh tokens, so a session outlives a restart.
 */
import { storeTokens } from "@/lib/auth/tokens";
import type { Db } from "@/lib/db/client";
import type { SimulatorHandle } from "@/lib/simulator";

export async function renewSimulatorGrants(options: { db: Db; simulator: SimulatorHandle; clientId: string; redirectUri: string }): Promise<string[]> {
  const { db, simulator } = options;
  const known = new Set(simulator.listeners().map((listener) => listener.id));
  const users = await db.user.findMany({ where: { token: { isNot: null } }, include: { token: true } });
  const renewed: string[] = [];
  for (const user of users) {
    if (!user.token || !known.has(user.spotifyId)) continue;
    const scope = user.token.scope;
    // A code marks the listener's first authorisation, which refresh tokens count six months from.
    simulator.state.issueCode({ id: `demo-restart-${user.spotifyId}`, clientId: options.clientId, redirectUri: options.redirectUri, scope }, user.spotifyId);
    const tokens = simulator.state.issueTokens({ listenerId: user.spotifyId, clientId: options.clientId, scope, publicClient: false });
    await storeTokens(db, user.id, {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: new Date(Date.now() + tokens.expiresIn * 1000),
      scope,
    });
    await db.user.update({ where: { id: user.id }, data: { needsReauth: false, reauthReason: null } });
    renewed.push(user.spotifyId);
  }
  return renewed;
}
