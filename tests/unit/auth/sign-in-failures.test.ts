/**
 * A failed sign-in says why: next-auth (its request handler, the same options as the app's route)
 * against the Spotify simulator over real HTTP, with the simulator's faults. Each failure writes
 * one log line naming the step, the HTTP status and Spotify's error code or the failing field,
 * sends the user to the error page with a reason, and never logs the client secret, the code,
 * the verifier or a token. Everything written to the console is captured and searched.
 */
import { createServer } from "node:net";
import NextAuth from "next-auth";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handleAuthRequest } from "@/lib/auth/options";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/simulator";
import { startTestSimulator } from "../helpers/simulator";

const APP_URL = "http://127.0.0.1:3999";
let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let logged: string[];
/** What crossed the wire to the accounts service: codes, verifiers, tokens (for the search). */
let exchanged: string[];
const realFetch = globalThis.fetch;
const savedEnv = { ...process.env };

beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  Object.assign(process.env, {
    NEXTAUTH_URL: APP_URL,
    AUTH_SECRET: "sign-in-test-secret-0123456789abcdef",
    SPOTIFY_ACCOUNTS_URL: sim.url,
    SPOTIFY_API_URL: sim.url,
    SPOTIFY_CLIENT_ID: DEMO_CLIENT_ID,
    SPOTIFY_CLIENT_SECRET: DEMO_CLIENT_SECRET,
  });
  logged = [];
  exchanged = [];
  const capture = (...args: unknown[]) => {
    logged.push(args.map((arg) => (arg instanceof Error ? `${arg.stack}` : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
  };
  for (const level of ["log", "info", "error", "debug"] as const) vi.spyOn(console, level).mockImplementation(capture);
  // Observes (never changes) what the app and Spotify exchange, to search the log for it.
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    if (typeof init?.body === "string") exchanged.push(...new URLSearchParams(init.body).values());
    const response = await realFetch(input, init);
    const text = await response.clone().text();
    for (const match of text.matchAll(/"(?:access_token|refresh_token)":"([^"]+)"/g)) exchanged.push(match[1]);
    return response;
  });
  sim.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...savedEnv };
});

type Jar = Map<string, string>;

/** One request to next-auth's handler, answered as the route would answer it. */
async function authRequest(jar: Jar, action: string, { method = "GET", query = {}, body }: { method?: string; query?: Record<string, string>; body?: Record<string, string> } = {}) {
  const headers = new Headers();
  let status = 200;
  let sent: unknown;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      headers.delete(name);
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    },
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? headers.getSetCookie() : (headers.get(name) ?? undefined)),
    end: () => undefined,
    send: (payload: unknown) => void (sent = payload),
    json: (payload: unknown) => void (sent = payload),
  };
  const [nextauthAction, provider] = action.split("/");
  const req = {
    method,
    query: { nextauth: provider ? [nextauthAction, provider] : [nextauthAction], ...query },
    body,
    cookies: Object.fromEntries(jar),
    headers: { host: new URL(APP_URL).host, "content-type": "application/x-www-form-urlencoded" },
  };
  const response = await handleAuthRequest(async (options) => {
    await NextAuth(req as never, res as never, options);
    return new Response(typeof sent === "string" ? sent : JSON.stringify(sent ?? null), { status, headers });
  });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
  }
  return { status: response.status, location: response.headers.get("Location"), body: sent };
}

/** Sign-in up to Spotify's answer: the callback URL Spotify sends the browser back to. */
async function authorize(jar: Jar, listener = "ada"): Promise<URL> {
  const csrf = (await authRequest(jar, "csrf")).body as { csrfToken: string };
  const start = await authRequest(jar, "signin/spotify", { method: "POST", body: { csrfToken: csrf.csrfToken, callbackUrl: `${APP_URL}/dashboard` } });
  expect(start.location).toMatch(new RegExp(`^${sim.url}/authorize\\?`));
  const consent = await realFetch(`${start.location}&sim_listener=${listener}`, { redirect: "manual" });
  return new URL(consent.headers.get("location")!);
}

async function callback(jar: Jar, answer: URL) {
  return authRequest(jar, "callback/spotify", { query: Object.fromEntries(answer.searchParams) });
}

function expectNoSecretLogged(code: string | null) {
  const text = logged.join("\n");
  expect(text).not.toContain(DEMO_CLIENT_SECRET);
  if (code) expect(text).not.toContain(code);
  for (const value of exchanged.filter((v) => v.length >= 16)) expect(text).not.toContain(value);
}

describe("a failed sign-in says why", () => {
  it("token exchange refused with 400 invalid_client: wrong client id or secret", async () => {
    const jar: Jar = new Map();
    const answer = await authorize(jar);
    process.env.SPOTIFY_CLIENT_SECRET = "not-the-secret-of-this-app";
    const result = await callback(jar, answer);
    expect(result.location).toBe(`${APP_URL}/auth/error?error=OAuthCallback&reason=app-credentials`);
    expect(logged).toContainEqual(expect.stringMatching(/^\[auth\] sign-in failed at token exchange \(HTTP 400, invalid_client, reason app-credentials\): POST \/api\/token: HTTP 400: invalid_client: Invalid client secret$/));
    expect(logged.join("\n")).not.toContain("not-the-secret-of-this-app");
    expectNoSecretLogged(answer.searchParams.get("code"));
  });

  it("token exchange refused by the simulator's invalid_client fault", async () => {
    const jar: Jar = new Map();
    const answer = await authorize(jar);
    sim.addFault({ path: "/api/token", count: 1, kind: "invalid_client" });
    const result = await callback(jar, answer);
    expect(result.location).toContain("reason=app-credentials");
    expect(logged).toContainEqual(expect.stringContaining("sign-in failed at token exchange (HTTP 400, invalid_client"));
    expectNoSecretLogged(answer.searchParams.get("code"));
  });

  it("token exchange answered 500 three times: the accounts service is down, retry later", async () => {
    const jar: Jar = new Map();
    const answer = await authorize(jar);
    sim.addFault({ path: "/api/token", count: 3, kind: "500" });
    const result = await callback(jar, answer);
    expect(result.location).toBe(`${APP_URL}/auth/error?error=OAuthCallback&reason=unreachable`);
    expect(logged).toContainEqual(expect.stringMatching(/^\[auth\] sign-in failed at token exchange \(HTTP 500, reason unreachable\): POST \/api\/token: HTTP 500 \(gave up after 3 attempts\)$/));
    expectNoSecretLogged(answer.searchParams.get("code"));
  });

  it("accounts service unreachable (nothing listening)", async () => {
    const jar: Jar = new Map();
    const answer = await authorize(jar);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.SPOTIFY_ACCOUNTS_URL = `http://127.0.0.1:${port}`;
    const result = await callback(jar, answer);
    expect(result.location).toContain("reason=unreachable");
    expect(logged).toContainEqual(expect.stringMatching(/^\[auth\] sign-in failed at token exchange \(reason unreachable\): POST \/api\/token: network error: .*ECONNREFUSED/));
    expectNoSecretLogged(answer.searchParams.get("code"));
  });

  it("a malformed profile names the field that failed validation", async () => {
    const jar: Jar = new Map();
    const answer = await authorize(jar);
    sim.addFault({ path: "/v1/me", count: 1, kind: "malformed" });
    const result = await callback(jar, answer);
    expect(result.location).toBe(`${APP_URL}/auth/error?error=OAuthCallback&reason=unexpected-response`);
    expect(logged).toContainEqual(
      "[auth] sign-in failed at profile (HTTP 200, field id, reason unexpected-response): GET /v1/me: id is invalid: expected string, received number",
    );
    // The token exchange succeeded: its tokens are in `exchanged`, and must not be in the log.
    expect(exchanged.some((value) => value.length > 20)).toBe(true);
    expectNoSecretLogged(answer.searchParams.get("code"));
  });

  it("a user not allowlisted by a development-mode app (403 on the profile)", async () => {
    const jar: Jar = new Map();
    const answer = await authorize(jar);
    sim.addFault({ path: "/v1/me", count: 1, kind: "not_registered" });
    const result = await callback(jar, answer);
    expect(result.location).toContain("reason=not-allowlisted");
    expect(logged).toContainEqual(expect.stringContaining("sign-in failed at profile (HTTP 403, reason not-allowlisted): GET /v1/me: forbidden (User not registered in the Developer Dashboard)"));
    expectNoSecretLogged(answer.searchParams.get("code"));
  });

  it("the app owner without Premium keeps its own page", async () => {
    const jar: Jar = new Map();
    const answer = await authorize(jar);
    sim.addFault({ path: "/v1/me", count: 1, kind: "premium" });
    const result = await callback(jar, answer);
    expect(result.location).toBe("/auth/error?error=PremiumRequired");
    expect(logged).toContainEqual(expect.stringContaining("sign-in failed at profile (HTTP 403, reason premium-required)"));
    expectNoSecretLogged(answer.searchParams.get("code"));
  });

  it("the user declines on Spotify's consent page", async () => {
    const jar: Jar = new Map();
    const csrf = (await authRequest(jar, "csrf")).body as { csrfToken: string };
    const start = await authRequest(jar, "signin/spotify", { method: "POST", body: { csrfToken: csrf.csrfToken } });
    const page = await (await realFetch(start.location!)).text();
    const cancel = /href="([^"]*deny=1[^"]*)"/.exec(page)![1].replace(/&amp;|&#38;/g, "&");
    const denied = await realFetch(new URL(cancel, sim.url), { redirect: "manual" });
    const result = await callback(jar, new URL(denied.headers.get("location")!));
    expect(result.location).toBe(`${APP_URL}/auth/error?error=Callback&reason=cancelled`);
    expect(logged).toContainEqual(expect.stringContaining("sign-in failed at authorize (access_denied, reason cancelled)"));
    expectNoSecretLogged(null);
  });

  it("a forged answer (state not this browser's) is refused before any exchange", async () => {
    const jar: Jar = new Map();
    const answer = await authorize(jar);
    answer.searchParams.set("state", "forged-state");
    sim.clearLog();
    const result = await callback(jar, answer);
    expect(result.location).toContain("reason=expired");
    expect(sim.log().filter((entry) => entry.path === "/api/token")).toHaveLength(0);
    expect(logged).toContainEqual(expect.stringContaining("sign-in failed at authorize (reason expired): the state Spotify returned does not match"));
    expectNoSecretLogged(answer.searchParams.get("code"));
  });

  it("an answer without the sign-in's cookies (expired, other browser) is refused", async () => {
    const answer = await authorize(new Map());
    const result = await callback(new Map(), answer);
    expect(result.location).toContain("reason=expired");
    expect(logged).toContainEqual(expect.stringMatching(/sign-in failed at authorize \(reason expired\): (State|PKCE code_verifier) cookie was missing\./));
    expectNoSecretLogged(answer.searchParams.get("code"));
  });
});
