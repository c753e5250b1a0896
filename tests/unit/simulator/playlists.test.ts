import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { playlistItemsPageSchema, playlistsPageSchema } from "@/lib/spotify";
import { generateCatalogue, generateListenerPlays, habitualSkipTracks, NAMED_LISTENERS } from "@/lib/simulator";
import { manualClock, signIn, startTestSimulator } from "../helpers/simulator";
import playlistsPage from "./fixtures/playlists-page.json";
import playlistsPageLegacy from "./fixtures/playlists-page-legacy.json";
import playlistItems from "./fixtures/playlist-items.json";
import playlistItemsLegacy from "./fixtures/playlist-items-legacy.json";

// Fixtures written by hand from Spotify's reference (Get Current User's Playlists, Get Playlist
// Items): in the shapes of February 2026 (`items`, `item`) and before (`tracks`, `track`, with a
// local file and an epoch `added_at`). The client reads both; the simulator sends the 2026 one.

function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => keyPaths(item, `${prefix}[].`)))].sort();
  if (value && typeof value === "object") {
    return Object.entries(value)
      .flatMap(([key, child]) => [`${prefix}${key}`, ...keyPaths(child, `${prefix}${key}.`)])
      .sort();
  }
  return [];
}

type Page = { items: Array<Record<string, unknown>>; next: string | null; total: number; offset: number; limit: number };
type Playlist = { id: string; name: string; owner: { id: string }; collaborative: boolean; public: boolean; snapshot_id: string; items: { total: number } };

const clock = manualClock(new Date("2026-03-04T12:00:00.000Z"));
let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let ada: string;
let ben: string;
const get = async (path: string, token = ada) => {
  const res = await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Page & { error?: { status: number; message: string } } };
};
const listing = async (token = ada) => (await get("/v1/me/playlists?limit=50", token)).body.items as unknown as Playlist[];

beforeAll(async () => {
  sim = await startTestSimulator({ now: clock.now });
  ada = (await signIn(sim, "ada")).accessToken;
  ben = (await signIn(sim, "ben")).accessToken;
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.clearLog());

describe("the client's playlist schemas", () => {
  it("read the 2026 shapes and the former ones alike", () => {
    for (const page of [playlistsPage, playlistsPageLegacy]) {
      const parsed = playlistsPageSchema.parse(page);
      expect(parsed.items[0]).toMatchObject({ id: "3cEYpjA9oz9GiPac4AsH4n", total: 5, owner: { id: "janelistener" }, snapshot_id: "AAAAB8C+GGn2vXBe3t6uGJTPY5CM2Xyk" });
    }
    const modern = playlistItemsPageSchema.parse(playlistItems);
    expect(modern.items[0]).toMatchObject({ added_at: "2024-05-01T18:04:12Z", item: { id: "3f9zqUnrnIq0LANhmnaF0V" } });
    const legacy = playlistItemsPageSchema.parse(playlistItemsLegacy);
    expect(legacy.items[0].item).toMatchObject({ id: "3f9zqUnrnIq0LANhmnaF0V" });
    // A local file, and 1970-01-01 standing for an unknown date.
    expect(legacy.items[1]).toMatchObject({ added_at: null, item: { is_local: true, name: "Kitchen Recording", artists: [{ name: "Jane Listener" }] } });
  });

  it("name the endpoint's field that is missing", () => {
    const broken = structuredClone(playlistsPage) as { items: Array<Record<string, unknown>> };
    delete broken.items[0].items;
    const result = playlistsPageSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path.join(".")).toBe("items.0.items");
  });
});

describe("simulated playlists", () => {
  it("lists the library in the 2026 shape with the reference's keys, paged by limit and offset", async () => {
    const { status, body } = await get("/v1/me/playlists?limit=50");
    expect(status).toBe(200);
    expect(playlistsPageSchema.safeParse(body).success).toBe(true);
    expect(keyPaths(body.items[0])).toEqual(keyPaths(playlistsPage.items[0]));
    expect(Object.keys(body).sort()).toEqual(Object.keys(playlistsPage).sort());
    const all = body.items as unknown as Playlist[];
    expect(all.map((p) => p.name)).toContain("Discover Weekly");
    expect(all.find((p) => p.owner.id === "spotify")?.name).toBe("Discover Weekly");
    expect(all.filter((p) => p.collaborative)).toHaveLength(1);
    expect(all.some((p) => p.items.total > 300)).toBe(true);

    const first = await get("/v1/me/playlists?limit=3&offset=0");
    expect(first.body.items.map((p) => p.id)).toEqual(all.slice(0, 3).map((p) => p.id));
    expect(first.body.next).toBe(`${sim.url}/v1/me/playlists?offset=3&limit=3`);
    const last = await get(`/v1/me/playlists?limit=3&offset=${all.length - 1}`);
    expect(last.body.items).toHaveLength(1);
    expect(last.body.next).toBeNull();
    expect((await get("/v1/me/playlists?limit=51")).status).toBe(400);
  });

  it("serves items in the 2026 shape, local files and episodes included, page by page", async () => {
    const tidy = (await listing()).find((p) => p.name === "Needs a Tidy-Up")!;
    const { status, body } = await get(`/v1/playlists/${tidy.id}/items?limit=50`);
    expect(status).toBe(200);
    expect(playlistItemsPageSchema.safeParse(body).success).toBe(true);
    const track = body.items.find((item) => !item.is_local && (item.item as { type: string }).type === "track")!;
    expect(keyPaths(track)).toEqual(keyPaths(playlistItems.items[0]));
    const kinds = body.items.map((item) => (item.is_local ? "local" : (item.item as { type: string }).type));
    expect(kinds.slice(-2)).toEqual(["local", "episode"]);
    expect(body.items.every((item) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(String(item.added_at)))).toBe(true);

    const archive = (await listing()).find((p) => p.items.total > 300)!;
    const pages: Page[] = [];
    for (let offset = 0; offset < archive.items.total; offset += 50) pages.push((await get(`/v1/playlists/${archive.id}/items?limit=50&offset=${offset}`)).body);
    expect(pages.flatMap((p) => p.items)).toHaveLength(archive.items.total);
    expect(pages.at(-1)!.next).toBeNull();
    // The oldest additions predate Spotify recording when: added_at null.
    expect(pages[0].items[0].added_at).toBeNull();
  });

  it("refuses what Spotify refuses a development-mode app: its own playlists (404), others' unless collaborative (403)", async () => {
    const all = await listing();
    const discover = all.find((p) => p.owner.id === "spotify")!;
    expect(await get(`/v1/playlists/${discover.id}/items`)).toMatchObject({ status: 404, body: { error: { status: 404, message: "Resource not found" } } });
    const followed = all.find((p) => p.owner.id === "ben")!;
    expect(followed.collaborative).toBe(false);
    expect(await get(`/v1/playlists/${followed.id}/items`)).toMatchObject({ status: 403, body: { error: { status: 403, message: "Forbidden" } } });
    // The collaborative playlist Ada owns: Ben, its collaborator, reads it.
    const shared = all.find((p) => p.collaborative)!;
    expect(shared.owner.id).toBe("ada");
    expect((await listing(ben)).map((p) => p.id)).toContain(shared.id);
    expect((await get(`/v1/playlists/${shared.id}/items`, ben)).status).toBe(200);
    expect((await get("/v1/playlists/0000000000000000000000/items")).status).toBe(404);
  });

  it("records the scopes granted: without the playlist scopes, private and collaborative playlists are neither listed nor read", async () => {
    const { accessToken } = await signIn(sim, "ada", "user-read-recently-played playlist-read-private");
    const narrow = await listing(accessToken);
    expect(narrow.every((p) => !p.collaborative)).toBe(true);
    expect(narrow.length).toBe((await listing()).length - 1);
    const publicOnly = (await signIn(sim, "ada", "user-read-recently-played")).accessToken;
    expect((await listing(publicOnly)).every((p) => p.public && !p.collaborative)).toBe(true);
    const hidden = (await listing()).find((p) => !p.public && p.owner.id === "ada" && !p.collaborative)!;
    expect(await get(`/v1/playlists/${hidden.id}/items`, publicOnly)).toMatchObject({ status: 403, body: { error: { message: "Insufficient client scope" } } });
    const shared = (await listing()).find((p) => p.collaborative)!;
    expect((await get(`/v1/playlists/${shared.id}/items`, accessToken)).status).toBe(403);
  });

  it("changes a playlist on request: a new snapshot_id, the items as changed, added now", async () => {
    const before = (await listing()).find((p) => p.name === "Needs a Tidy-Up")!;
    clock.advance(60_000);
    const res = await fetch(`${sim.url}/_sim/playlists/${before.id}/change`, { method: "POST", body: JSON.stringify({ remove: 2, add: 1 }) });
    expect(res.status).toBe(200);
    const changed = (await res.json()) as { snapshotId: string; items: { id: string; addedAt: string }[] };
    const after = (await listing()).find((p) => p.id === before.id)!;
    expect(after.snapshot_id).toBe(changed.snapshotId);
    expect(after.snapshot_id).not.toBe(before.snapshot_id);
    expect(after.items.total).toBe(before.items.total - 1);
    expect(changed.items.at(-1)!.addedAt).toBe(clock.now().toISOString());
    const items = (await get(`/v1/playlists/${before.id}/items?limit=50`)).body.items;
    expect(items.map((i) => (i.item as { id: string }).id).at(-1)).toBe(changed.items.at(-1)!.id);
    expect((await fetch(`${sim.url}/_sim/playlists/nope/change`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${sim.url}/_sim/playlists/${before.id}/change`, { method: "POST", body: JSON.stringify({ addTrackIds: ["nope"] }) })).status).toBe(400);
  });

  it("adds playlists in bulk for benchmarks", async () => {
    const res = await fetch(`${sim.url}/_sim/listeners/dana/playlists`, { method: "POST", body: JSON.stringify({ count: 60, tracks: 100 }) });
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown[]).toHaveLength(60);
    const dana = (await signIn(sim, "dana")).accessToken;
    const first = await get("/v1/me/playlists?limit=50", dana);
    expect(first.body.total).toBe(sim.playlists("dana").length);
    expect(first.body.total).toBeGreaterThan(60);
  });

  it("injects faults on the items endpoint as on the others", async () => {
    const playlist = (await listing())[0];
    for (const kind of ["403", "404", "429", "503"] as const) {
      sim.addFault({ path: `/v1/playlists/${playlist.id}/items`, count: 1, kind, retryAfter: 5 });
      expect((await get(`/v1/playlists/${playlist.id}/items`)).status).toBe(Number(kind));
    }
    expect((await get(`/v1/playlists/${playlist.id}/items`)).status).toBe(200);
  });
});

describe("the demo listener's habitual skips", () => {
  it("are tracks outside her genres, started and skipped within seconds, never longer", () => {
    const catalogue = generateCatalogue("encore");
    const ada = NAMED_LISTENERS[0];
    const skips = habitualSkipTracks(catalogue, ada);
    expect(skips).toHaveLength(3);
    expect(habitualSkipTracks(catalogue, NAMED_LISTENERS[1])).toEqual([]);
    const plays = generateListenerPlays(catalogue, ada, { from: new Date("2025-03-01T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") });
    const ids = new Set(skips.map((t) => t.id));
    const theirs = plays.filter((p) => ids.has(p.trackId));
    expect(theirs.length).toBeGreaterThan(30);
    expect(theirs.every((p) => p.msPlayed < 30_000)).toBe(true);
  });
});
