import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artistSchema, playHistoryItemSchema, recentlyPlayedPageSchema, tokenResponseSchema, webApiErrorBodySchema, oauthErrorBodySchema, albumSchema, trackSchema, meSchema } from "@/lib/spotify";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/simulator";
import { manualClock, signIn, startTestSimulator } from "../helpers/simulator";
import artistFixture from "./fixtures/artist.json";
import recentlyPlayedFixture from "./fixtures/recently-played.json";
import tokenFixture from "./fixtures/token.json";

// The fixtures are written by hand from Spotify's Web API reference (Get Artist, Get Recently
// Played Tracks, the token endpoint), as a development-mode app receives them without a
// `market` parameter: no `available_markets`, `is_playable`, `linked_from` or `restrictions`.
// The simulator must produce the same keys, recursively, and parse with the client's schemas.

/** Every key path of a JSON value; array elements merge under `[]`. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => keyPaths(item, `${prefix}[].`)))].sort();
  if (value && typeof value === "object") {
    return Object.entries(value)
      .flatMap(([key, child]) => [`${prefix}${key}`, ...keyPaths(child, `${prefix}${key}.`)])
      .sort();
  }
  return [];
}

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let accessToken: string;
const get = async (path: string, token = accessToken) => {
  const res = await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  // A fixed clock: the listener's generated history (a full page, plays from an album context) must not depend on the date the tests run.
  sim = await startTestSimulator({ now: manualClock().now });
  accessToken = (await signIn(sim, "ada")).accessToken;
});
afterAll(async () => {
  await sim.close();
});

describe("hand-written fixtures from Spotify's reference", () => {
  it("parse with the client's schemas", () => {
    expect(artistSchema.safeParse(artistFixture).success).toBe(true);
    expect(recentlyPlayedPageSchema.safeParse(recentlyPlayedFixture).success).toBe(true);
    expect(tokenResponseSchema.safeParse(tokenFixture).success).toBe(true);
  });
});

describe("simulator responses match Spotify's shapes", () => {
  it("recently-played: envelope and item have the documented keys", async () => {
    const { status, body } = await get("/v1/me/player/recently-played?limit=50");
    expect(status).toBe(200);
    expect(recentlyPlayedPageSchema.safeParse(body).success).toBe(true);
    expect(Object.keys(body).sort()).toEqual(Object.keys(recentlyPlayedFixture).sort());
    const items = body.items as Array<Record<string, unknown>>;
    const withContext = items.find((item) => item.context !== null);
    expect(withContext, "some plays come from an album context").toBeDefined();
    expect(keyPaths(withContext)).toEqual(keyPaths(recentlyPlayedFixture.items[0]));
    for (const item of items) {
      expect(playHistoryItemSchema.safeParse(item).success).toBe(true);
      expect(item.played_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it("artist: the reference example's keys for an extended-quota app; without genres, popularity and followers in development mode", async () => {
    const { body: page } = await get("/v1/me/player/recently-played?limit=1");
    const track = (page.items as Array<{ track: { artists: Array<{ id: string }> } }>)[0].track;
    const development = await get(`/v1/artists/${track.artists[0].id}`);
    expect(development.status).toBe(200);
    expect(artistSchema.safeParse(development.body).success).toBe(true);
    const removed = /^(genres|popularity|followers)(\.|$)/;
    expect(keyPaths(development.body)).toEqual(keyPaths(artistFixture).filter((key) => !removed.test(key)));
    sim.setQuota("extended");
    try {
      const extended = await get(`/v1/artists/${track.artists[0].id}`);
      expect(artistSchema.safeParse(extended.body).success).toBe(true);
      expect(keyPaths(extended.body)).toEqual(keyPaths(artistFixture));
    } finally {
      sim.setQuota("development");
    }
  });

  it("track, album and me parse; /v1/me has no email, country or product", async () => {
    const { body: page } = await get("/v1/me/player/recently-played?limit=1");
    const track = (page.items as Array<{ track: { id: string; album: { id: string } } }>)[0].track;
    const trackBody = (await get(`/v1/tracks/${track.id}`)).body;
    expect(trackSchema.safeParse(trackBody).success).toBe(true);
    expect(keyPaths(trackBody)).toEqual(keyPaths(recentlyPlayedFixture.items[0].track));
    expect(albumSchema.safeParse((await get(`/v1/albums/${track.album.id}`)).body).success).toBe(true);
    const me = (await get("/v1/me")).body;
    expect(meSchema.safeParse(me).success).toBe(true);
    expect(Object.keys(me)).not.toEqual(expect.arrayContaining(["email"]));
    expect(me).not.toHaveProperty("country");
    expect(me).not.toHaveProperty("product");
  });

  it("token responses have the documented keys", async () => {
    const res = await fetch(`${sim.url}/_sim/auto-approve`, { method: "POST", body: JSON.stringify({ listenerId: "ben" }) });
    expect(res.status).toBe(200);
    const authorize = await fetch(
      `${sim.url}/authorize?client_id=${DEMO_CLIENT_ID}&response_type=code&redirect_uri=https://app.example/cb&scope=user-top-read`,
      { redirect: "manual" },
    );
    const code = new URL(authorize.headers.get("location")!).searchParams.get("code")!;
    const token = await fetch(`${sim.url}/api/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: "https://app.example/cb", client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET }),
    });
    const body = await token.json();
    expect(Object.keys(body).sort()).toEqual(Object.keys(tokenFixture).sort());
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "user-top-read" });
  });
});

describe("simulator errors in Spotify's shapes", () => {
  it("401 for missing, unknown and expired tokens", async () => {
    const unknown = await get("/v1/me", "made-up-token");
    expect(unknown).toEqual({ status: 401, body: { error: { status: 401, message: "Invalid access token" } } });
    const none = await fetch(`${sim.url}/v1/me`);
    expect(none.status).toBe(401);
    expect(webApiErrorBodySchema.safeParse(await none.json()).success).toBe(true);
  });

  it("404 for unknown ids, 403 for batch lookups, 400 for bad recently-played parameters", async () => {
    expect(await get("/v1/artists/0000000000000000000000")).toEqual({ status: 404, body: { error: { status: 404, message: "Resource not found" } } });
    for (const batch of ["/v1/artists?ids=a,b", "/v1/tracks?ids=a", "/v1/albums?ids=a"]) {
      expect((await get(batch)).status).toBe(403);
    }
    expect((await get("/v1/me/player/recently-played?after=1&before=2")).status).toBe(400);
    expect((await get("/v1/me/player/recently-played?limit=51")).status).toBe(400);
    expect((await get("/v1/me/player/recently-played?limit=0")).status).toBe(400);
    const defaultPage = await get("/v1/me/player/recently-played");
    expect(defaultPage.body.limit).toBe(20);
    expect((defaultPage.body.items as unknown[]).length).toBe(20);
  });

  it("OAuth errors carry error and error_description", async () => {
    const res = await fetch(`${sim.url}/api/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${Buffer.from(`${DEMO_CLIENT_ID}:${DEMO_CLIENT_SECRET}`).toString("base64")}` },
      body: "grant_type=refresh_token&refresh_token=nope",
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(oauthErrorBodySchema.safeParse(body).success).toBe(true);
    expect(body.error).toBe("invalid_grant");
  });
});
