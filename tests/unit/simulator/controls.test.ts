import { afterEach, describe, expect, it } from "vitest";
import { signIn, startTestSimulator, manualClock } from "../helpers/simulator";

let sim: Awaited<ReturnType<typeof startTestSimulator>> | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const control = async (path: string, body?: unknown, method = "POST") => {
  const res = await fetch(`${sim!.url}/_sim${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

describe("simulator controls over HTTP", () => {
  it("plays more tracks on demand, ending at now", async () => {
    const clock = manualClock();
    sim = await startTestSimulator({ now: clock.now });
    const { accessToken } = await signIn(sim, "dana");
    const recent = async () => {
      const res = await fetch(`${sim!.url}/v1/me/player/recently-played?limit=50`, { headers: { Authorization: `Bearer ${accessToken}` } });
      return (await res.json()) as { items: Array<{ played_at: string }> };
    };
    const before = await recent();
    clock.advance(10 * 60_000);
    const played = await control("/listeners/dana/play", { count: 3 });
    expect(played.status).toBe(200);
    expect(played.body.plays).toHaveLength(3);
    expect(played.body.plays[2].playedAt).toBe(clock.now().toISOString());
    const after = await recent();
    expect(after.items[0].played_at).toBe(clock.now().toISOString());
    expect(after.items.slice(3).map((i) => i.played_at)).toEqual(before.items.slice(0, 47).map((i) => i.played_at));
    expect((await control("/listeners/nobody/play", { count: 1 })).status).toBe(404);
    expect((await control("/listeners/dana/play", { count: 1, localFile: "yes" })).status).toBe(400);
    const local = await control("/listeners/dana/play", { count: 1, localFile: true });
    expect(local.body.plays[0].localFile).toBe(true);
  });

  it("keeps played_at strictly increasing when plays are added in quick succession", async () => {
    const clock = manualClock();
    sim = await startTestSimulator({ now: clock.now });
    sim.play("ben", 5);
    sim.play("ben", 5);
    clock.advance(2_000);
    sim.play("ben", 3);
    const times = sim.state.history("ben").map((p) => p.playedAt.getTime());
    for (let i = 1; i < times.length; i += 1) expect(times[i]).toBeGreaterThan(times[i - 1]);
    expect(times[times.length - 1]).toBeLessThanOrEqual(clock.now().getTime());
  });

  it("injects faults for the next N calls to a path prefix, then behaves", async () => {
    sim = await startTestSimulator();
    const { accessToken } = await signIn(sim, "ada");
    expect((await control("/faults", { path: "/v1/me", count: 2, kind: "429", retryAfter: 42 })).status).toBe(200);
    const first = await fetch(`${sim.url}/v1/me/player/recently-played`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("42");
    expect(await first.json()).toEqual({ error: { status: 429, message: "API rate limit exceeded" } });
    expect((await fetch(`${sim.url}/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } })).status).toBe(429);
    expect((await fetch(`${sim.url}/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } })).status).toBe(200);
    expect((await control("/faults", { path: "v1", count: 1, kind: "500" })).status).toBe(400);
    expect((await control("/faults", { path: "/v1", count: 1, kind: "418" })).status).toBe(400);
  });

  it("keeps a request log without credentials, and clears it", async () => {
    sim = await startTestSimulator();
    const { accessToken, refreshToken } = await signIn(sim, "ada");
    await fetch(`${sim.url}/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    const log = await control("/log", undefined, "GET");
    expect(log.body.map((e: { method: string; path: string; status: number }) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      "GET /authorize 302",
      "POST /api/token 200",
      "GET /v1/me 200",
    ]);
    expect(log.body[0].time).toMatch(/Z$/);
    const text = JSON.stringify(log.body);
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(refreshToken);
    await control("/log", undefined, "DELETE");
    expect((await control("/log", undefined, "GET")).body).toEqual([]);
  });

  it("adds latency", async () => {
    sim = await startTestSimulator();
    await control("/latency", { ms: 60 });
    const started = Date.now();
    await fetch(`${sim.url}/v1/me`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("expires access tokens, and reset forgets grants, faults and new plays", async () => {
    sim = await startTestSimulator();
    const { accessToken } = await signIn(sim, "ada");
    await control("/tokens/expire");
    const expired = await fetch(`${sim.url}/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(await expired.json()).toEqual({ error: { status: 401, message: "The access token expired" } });

    await control("/faults", { path: "/v1", count: 5, kind: "503" });
    await control("/reset");
    expect(sim.state.faults).toEqual([]);
    const afterReset = await fetch(`${sim.url}/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(await afterReset.json()).toEqual({ error: { status: 401, message: "Invalid access token" } });
  });

  it("lists listeners, with generated ones for benchmarks, and starts quickly with 1,000 of them", async () => {
    const started = Date.now();
    sim = await startTestSimulator({ extraListeners: 1000 });
    expect(Date.now() - started).toBeLessThan(3000);
    const listeners = (await control("/listeners", undefined, "GET")).body as Array<{ id: string; timeZone: string }>;
    expect(listeners).toHaveLength(1004);
    expect(listeners.slice(0, 4).map((l) => l.id)).toEqual(["ada", "ben", "chandra", "dana"]);
    const { accessToken } = await signIn(sim, "listener-0999");
    const me = await fetch(`${sim.url}/v1/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect((await me.json()).id).toBe("listener-0999");
  });

  it("shows an accessible sign-in page with one link per named listener", async () => {
    sim = await startTestSimulator();
    const page = await fetch(`${sim.url}/authorize?client_id=encore-demo-client&response_type=code&redirect_uri=http://127.0.0.1:3000/cb&state=z`);
    const html = await page.text();
    for (const name of ["Ada Listener", "Ben Okafor", "Chandra Iyer", "Dana Kowalski"]) expect(html).toContain(`>Continue as ${name}</a>`);
    expect(html).toContain('<html lang="en">');
  });
});
