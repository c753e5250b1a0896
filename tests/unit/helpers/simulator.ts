import { buildAuthorizeUrl, createPkcePair, exchangeCode, type AccountsOptions } from "@/lib/spotify";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startSimulator, type SimulatorHandle, type StartSimulatorOptions } from "@/lib/simulator";

export const REDIRECT_URI = "http://127.0.0.1:3000/api/auth/callback/spotify";

/** A clock tests can move. */
export function manualClock(start = new Date("2026-03-02T12:00:00.000Z")) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
    set: (date: Date) => {
      current = date.getTime();
    },
  };
}

export async function startTestSimulator(options: StartSimulatorOptions = {}): Promise<SimulatorHandle & { accounts: AccountsOptions }> {
  const sim = await startSimulator({ port: 0, ...options });
  return {
    ...sim,
    accounts: { accountsUrl: sim.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, sleep: async () => {} },
  };
}

/** Signs a listener in through auto-approval and returns the token set; `scope` defaults to what the app asks for. */
export async function signIn(sim: SimulatorHandle & { accounts: AccountsOptions }, listenerId = "ada", scope?: string) {
  const { codeVerifier, codeChallenge } = createPkcePair();
  const authorizeUrl = `${buildAuthorizeUrl({ state: "s", codeChallenge, redirectUri: REDIRECT_URI, clientId: DEMO_CLIENT_ID, accountsUrl: sim.url, scope })}&sim_listener=${listenerId}`;
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  const code = new URL(response.headers.get("location")!).searchParams.get("code")!;
  return exchangeCode({ code, codeVerifier, redirectUri: REDIRECT_URI }, sim.accounts);
}
