import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ConcurrencyLimit,
  createSpotifyClient,
  isCataloguedPlay,
  refreshAccessToken,
  RequestBudget,
  SpotifyBudgetExhaustedError,
  SpotifyForbiddenError,
  SpotifyInvalidResponseError,
  SpotifyNotFoundError,
  SpotifyPremiumRequiredError,
  SpotifyRateLimitedError,
  SpotifyReauthRequiredError,
  SpotifyTransientError,
  type SpotifyClientOptions,
} from "@/lib/spotify";
import { manualClock, signIn, startTestSimulator } from "../helpers/simulator";

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let tokens: Awaited<ReturnType<typeof signIn>>;
let slept: number[];

beforeEach(async () => {
  // A fixed clock: the listener's generated history (at least 50 recent plays) must not depend on the date the tests run.
  sim = await startTestSimulator({ now: manualClock().now });
  tokens = await signIn(sim, "ada");
  sim.clearLog();
  slept = [];
});
afterEach(async () => {
  await sim.close();
});

function client(options: Partial<SpotifyClientOptions> = {}) {
  return createSpotifyClient({
    accessToken: tokens.accessToken,
    apiUrl: sim.url,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...options,
  });
}

const requestsTo = (path: string) => sim.log().filter((entry) => entry.path === path);

describe("Spotify client against the simulator", () => {
  it("reads the profile without email, country or product", async () => {
    const me = await client().getMe();
    expect(me).toMatchObject({ id: "ada", display_name: "Ada Listener" });
    expect(Object.keys(me)).not.toContain("email");
  });

  it("pages recently-played forward with `after` and sees new plays", async () => {
    const api = client();
    const latest = await api.getRecentlyPlayed({ limit: 50 });
    expect(latest.items).toHaveLength(50);
    const times = latest.items.map((i) => Date.parse(i.played_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(latest.cursors?.after).toBe(String(times[0]));

    const cursor = Number(latest.cursors!.after);
    expect((await api.getRecentlyPlayed({ after: cursor })).items).toHaveLength(0);

    sim.play("ada", 7);
    const first = await api.getRecentlyPlayed({ after: cursor, limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.next).toContain(`after=${first.cursors!.after}`);
    const second = await api.getRecentlyPlayed({ after: Number(first.cursors!.after), limit: 5 });
    expect(second.items).toHaveLength(2);
    expect(second.next).toBeNull();
    const seen = [...first.items, ...second.items].map((i) => Date.parse(i.played_at));
    expect(new Set(seen).size).toBe(7);
    expect(Math.min(...seen)).toBeGreaterThan(cursor);

    // `before` walks back; the window never exceeds the last 50 plays.
    const older = await api.getRecentlyPlayed({ before: Number(latest.cursors!.before), limit: 50 });
    expect(older.items.length).toBeLessThanOrEqual(7);
  });

  it("rejects after and before together before sending anything", async () => {
    await expect(client().getRecentlyPlayed({ after: 1, before: 2 })).rejects.toThrow(/mutually exclusive/);
    expect(sim.log()).toHaveLength(0);
  });

  it("reads track, artist, album, playlists and playlist items", async () => {
    const api = client();
    const [item] = (await api.getRecentlyPlayed({ limit: 1 })).items;
    if (!isCataloguedPlay(item)) throw new Error("expected a catalogue track");
    const track = await api.getTrack(item.track.id);
    expect(track.id).toBe(item.track.id);
    const artist = await api.getArtist(track.artists[0].id);
    expect(artist.id).toBe(track.artists[0].id);
    const album = await api.getAlbum(track.album.id);
    expect(album.total_tracks).toBe(album.tracks?.total);
    const playlists = await api.getMyPlaylists();
    expect(playlists.items.length).toBeGreaterThanOrEqual(2);
    const playlistItems = await api.getPlaylistItems(playlists.items[0]!.id, { limit: 5 });
    expect(playlistItems.items).toHaveLength(5);
    const first = playlistItems.items[0].item;
    expect(first && "id" in first ? first.id : null).toMatch(/^\w+$/);
  });

  it("throws NotFound for an unknown id", async () => {
    await expect(client().getArtist("0000000000000000000000")).rejects.toBeInstanceOf(SpotifyNotFoundError);
  });

  it("waits out a short Retry-After and retries (the 429 counts as a request)", async () => {
    sim.addFault({ path: "/v1/me", count: 1, kind: "429", retryAfter: 3 });
    const budget = new RequestBudget(10);
    await expect(client({ budget }).getMe()).resolves.toMatchObject({ id: "ada" });
    expect(slept).toEqual([3000]);
    expect(requestsTo("/v1/me").map((e) => e.status)).toEqual([429, 200]);
    expect(budget.used).toBe(2);
  });

  it("throws RateLimited at once, with retryAt, when Retry-After is too long", async () => {
    const now = new Date("2026-05-01T00:00:00.000Z");
    sim.addFault({ path: "/v1/me", count: 1, kind: "429", retryAfter: 7200 });
    const error = await client({ now: () => now }).getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyRateLimitedError);
    const limited = error as SpotifyRateLimitedError;
    expect(limited.retryAfterSeconds).toBe(7200);
    expect(limited.retryAt.toISOString()).toBe("2026-05-01T02:00:00.000Z");
    expect(slept).toEqual([]);
    expect(requestsTo("/v1/me")).toHaveLength(1);
  });

  it("throws RateLimited when a short wait would not fit before the run's deadline", async () => {
    const now = new Date("2026-05-01T00:00:00.000Z");
    sim.addFault({ path: "/v1/me", count: 1, kind: "429", retryAfter: 5 });
    const deadline = new Date(now.getTime() + 4_000);
    await expect(client({ now: () => now, deadline }).getMe()).rejects.toBeInstanceOf(SpotifyRateLimitedError);
    expect(slept).toEqual([]);
  });

  it("retries 5xx with growing backoff and gives up after 3 attempts in total", async () => {
    sim.addFault({ path: "/v1/me/player/recently-played", count: 5, kind: "503" });
    const error = await client({ random: () => 0.5 }).getRecentlyPlayed().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyTransientError);
    expect(String(error)).toMatch(/HTTP 503.*3 attempts/);
    expect(requestsTo("/v1/me/player/recently-played").map((e) => e.status)).toEqual([503, 503, 503]);
    expect(slept).toHaveLength(2);
    expect(slept[1]).toBeGreaterThan(slept[0]);
  });

  it("recovers when a 500 is followed by success", async () => {
    sim.addFault({ path: "/v1/me", count: 1, kind: "500" });
    await expect(client().getMe()).resolves.toMatchObject({ id: "ada" });
    expect(requestsTo("/v1/me").map((e) => e.status)).toEqual([500, 200]);
  });

  it("retries a connection dropped mid-response", async () => {
    sim.addFault({ path: "/v1/me", count: 1, kind: "drop" });
    await expect(client().getMe()).resolves.toMatchObject({ id: "ada" });
    expect(requestsTo("/v1/me").map((e) => e.status)).toEqual([0, 200]);
  });

  it("reports drops as transient once retries are used up", async () => {
    sim.addFault({ path: "/v1/me", count: 3, kind: "drop" });
    const error = await client().getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyTransientError);
    expect(String(error)).toMatch(/network error/);
  });

  it("reads a local file among recently played items: no ids, is_local true", async () => {
    sim.play("ada", 1, { localFile: true });
    const [local, catalogued] = (await client().getRecentlyPlayed({ limit: 2 })).items;
    expect(isCataloguedPlay(local)).toBe(false);
    // Nothing of a local file is read but that it is one; the simulator sends Spotify's shape.
    expect(local.track).toEqual({ is_local: true });
    const raw = await fetch(`${sim.url}/v1/me/player/recently-played?limit=1`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    const rawTrack = ((await raw.json()) as { items: { track: { id: unknown; type: string; uri: string } }[] }).items[0].track;
    expect(rawTrack).toMatchObject({ id: null, type: "track" });
    expect(rawTrack.uri).toMatch(/^spotify:local:[^:]+:[^:]+:[^:]+:\d+$/);
    expect(isCataloguedPlay(catalogued)).toBe(true);
  });

  it("rejects a malformed response naming the endpoint and the field", async () => {
    sim.addFault({ path: "/v1/me/player/recently-played", count: 1, kind: "malformed" });
    const error = await client().getRecentlyPlayed({ limit: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyInvalidResponseError);
    expect((error as Error).message).toBe("GET /v1/me/player/recently-played: items[0].track.duration_ms is invalid: expected number, received string");
    expect((error as SpotifyInvalidResponseError).field).toBe("items[0].track.duration_ms");
    expect(requestsTo("/v1/me/player/recently-played")).toHaveLength(1);
  });

  it("stops at the request budget without sending", async () => {
    const budget = new RequestBudget(2);
    const api = client({ budget });
    await api.getMe();
    await api.getMe();
    await expect(api.getMe()).rejects.toBeInstanceOf(SpotifyBudgetExhaustedError);
    expect(requestsTo("/v1/me")).toHaveLength(2);
    expect(budget.remaining).toBe(0);
  });

  it("counts every retry against the budget", async () => {
    sim.addFault({ path: "/v1/me", count: 2, kind: "500" });
    const budget = new RequestBudget(2);
    await expect(client({ budget }).getMe()).rejects.toBeInstanceOf(SpotifyBudgetExhaustedError);
    expect(requestsTo("/v1/me")).toHaveLength(2);
  });

  it("refreshes through the token provider once on 401, then gives up with ReauthRequired", async () => {
    let calls = 0;
    const provider = async (options?: { forceRefresh?: boolean }) => {
      calls += 1;
      if (!options?.forceRefresh) return tokens.accessToken;
      return (await refreshAccessToken(tokens.refreshToken, sim.accounts)).accessToken;
    };
    sim.expireAccessTokens();
    await expect(client({ accessToken: provider }).getMe()).resolves.toMatchObject({ id: "ada" });
    expect(calls).toBe(2);

    sim.revoke("ada");
    const error = await client({ accessToken: async () => "not-a-token" }).getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyReauthRequiredError);
  });

  it("tells an expired access token apart from an unknown one", async () => {
    sim.expireAccessTokens();
    const error = await client().getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyReauthRequiredError);
    expect(String(error)).toMatch(/The access token expired/);
  });

  it("maps the app owner's missing Premium to PremiumRequired, other 403s to Forbidden", async () => {
    sim.addFault({ path: "/v1/me", count: 1, kind: "premium" });
    await expect(client().getMe()).rejects.toBeInstanceOf(SpotifyPremiumRequiredError);
    const batch = await fetch(`${sim.url}/v1/artists?ids=a,b`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(batch.status).toBe(403);
    expect(SpotifyForbiddenError).toBeDefined();
  });

  it("never puts a token in an error message, its string or its JSON", async () => {
    const secretToken = tokens.accessToken;
    const failures: unknown[] = [];
    const api = client();
    sim.addFault({ path: "/v1/me", count: 1, kind: "429", retryAfter: 999 });
    failures.push(await api.getMe().catch((e: unknown) => e));
    sim.addFault({ path: "/v1/me", count: 3, kind: "500" });
    failures.push(await api.getMe().catch((e: unknown) => e));
    sim.addFault({ path: "/v1/me", count: 3, kind: "drop" });
    failures.push(await api.getMe().catch((e: unknown) => e));
    sim.addFault({ path: "/v1/me", count: 1, kind: "malformed" });
    failures.push(await api.getMe().catch((e: unknown) => e));
    failures.push(await api.getTrack("missing").catch((e: unknown) => e));
    failures.push(await client({ budget: new RequestBudget(0) }).getMe().catch((e: unknown) => e));
    // A body that echoes the credential back must be redacted too.
    const echoing = createSpotifyClient({
      accessToken: secretToken,
      apiUrl: sim.url,
      fetch: async () => new Response(JSON.stringify({ error: { status: 400, message: `bad token ${secretToken}` } }), { status: 400 }),
    });
    failures.push(await echoing.getMe().catch((e: unknown) => e));
    failures.push(await refreshAccessToken(tokens.refreshToken, { ...sim.accounts, clientSecret: "nope" }).catch((e: unknown) => e));
    sim.revoke("ada");
    failures.push(await api.getMe().catch((e: unknown) => e));
    failures.push(await refreshAccessToken(tokens.refreshToken, sim.accounts).catch((e: unknown) => e));

    for (const failure of failures) {
      expect(failure).toBeInstanceOf(Error);
      const error = failure as Error;
      for (const text of [error.message, String(error), error.stack ?? "", JSON.stringify(error), JSON.stringify(Object.entries(error))]) {
        expect(text).not.toContain(secretToken);
        expect(text).not.toContain(tokens.refreshToken);
        expect(text).not.toContain("encore-demo-secret");
      }
    }
    for (const entry of sim.log()) expect(JSON.stringify(entry)).not.toContain(secretToken);
  });
});

describe("ConcurrencyLimit", () => {
  it("keeps at most `max` tasks in flight", async () => {
    const limit = new ConcurrencyLimit(2);
    let active = 0;
    let peak = 0;
    const task = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
    };
    await Promise.all(Array.from({ length: 8 }, () => limit.run(task)));
    expect(peak).toBe(2);
    expect(limit.inFlight).toBe(0);
  });

  it("limits real requests from many clients sharing it", async () => {
    const shared = new ConcurrencyLimit(1);
    sim.setLatency(20);
    const started = Date.now();
    await Promise.all(Array.from({ length: 3 }, () => client({ concurrency: shared }).getMe()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe("RequestBudget", () => {
  it("refuses invalid limits", () => {
    expect(() => new RequestBudget(-1)).toThrow(RangeError);
    expect(new RequestBudget(300).remaining).toBe(300);
  });
});
