import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deleteAccount } from "@/lib/account/account";
import { runIngestion, type IngestOptions } from "@/lib/ingest/run";
import { collectPlaylistsNow } from "@/lib/playlists/collect-now";
import { listPlaylistCards, listPlaylistPage } from "@/lib/playlists/list";
import { loadPlaylistView } from "@/lib/playlists/detail";
import { PLAYLIST_PAGE_SIZE } from "@/lib/playlists/read-spotify";
import { missingPlaylistScopes } from "@/lib/playlists/scopes";
import { startSimulator, type SimulatorHandle } from "@/lib/simulator";
import { connectListener, useSimulatorEnvironment } from "../../helpers/spotify-connect";
import { useTestDatabase } from "../../helpers/test-database";

const fastTransport: IngestOptions["transport"] = { retryBaseDelayMs: 1, sleep: async () => undefined };
const HOUR = 3_600_000;

describe("playlist collection against the simulator", () => {
  const test = useTestDatabase();
  let sim: SimulatorHandle;
  let ada: string;
  let ben: string;
  // The simulator's clock: fixed, so generated playlists and histories never depend on the date.
  const simClock = Date.parse("2026-03-04T12:00:00.000Z");
  // The collection's own clock (PLAYLIST_INTERVAL_HOURS is measured on it).
  let runClock = Date.parse("2026-03-04T12:00:00.000Z");
  const collect = (spotifyId: string, extra: { requestBudget?: number } = {}) =>
    collectPlaylistsNow({ db: test.db, spotifyId, transport: fastTransport, now: () => new Date(runClock), ...extra });
  const itemsRequests = () => sim.log().filter((entry) => /^\/v1\/playlists\/[^/]+\/items$/.test(entry.path));
  const listingRequests = () => sim.log().filter((entry) => entry.path === "/v1/me/playlists");
  const versionsOf = (userId: string, playlistId: string) =>
    test.db.playlistVersion.findMany({ where: { userId, playlistId }, orderBy: { id: "asc" }, include: { entries: { orderBy: { position: "asc" } } } });
  const library = (listenerId: string) => sim.playlists(listenerId);
  const pagesOf = (items: number) => Math.max(1, Math.ceil(items / PLAYLIST_PAGE_SIZE));

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, accessTokenTtlSeconds: 365 * 86_400, now: () => new Date(simClock) });
    useSimulatorEnvironment(sim);
    ada = (await connectListener(sim, test.db, "ada")).userId;
    ben = (await connectListener(sim, test.db, "ben")).userId;
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.clearLog();
  });

  it("a first collection lists every playlist and reads, page by page, exactly the user's own and collaborative ones", async () => {
    const playlists = library("ada");
    const readable = playlists.filter((p) => p.ownerId === "ada" || p.collaborative);
    expect(playlists.some((p) => p.ownerId === "spotify")).toBe(true);
    expect(playlists.some((p) => p.ownerId !== "ada" && p.ownerId !== "spotify" && !p.collaborative)).toBe(true);
    expect(readable.some((p) => p.items.length > 300)).toBe(true);

    const result = await collect("ada");
    const minimum = pagesOf(playlists.length) + readable.reduce((sum, p) => sum + pagesOf(p.items.length), 0);
    expect(result).toMatchObject({ status: "complete", listed: playlists.length, stored: readable.length, unchanged: 0, notRead: playlists.length - readable.length, refused: 0, left: 0 });
    expect(result.requests).toBe(minimum);
    expect(sim.log()).toHaveLength(minimum);
    expect(itemsRequests().every((entry) => entry.status === 200)).toBe(true);
    // Spotify's own and other people's playlists are listed, never read.
    const read = new Set(itemsRequests().map((entry) => entry.path.split("/")[3]));
    expect(read).toEqual(new Set(readable.map((p) => p.id)));

    for (const playlist of readable) {
      const [version] = await versionsOf(ada, playlist.id);
      expect(version.snapshotId).toBe(playlist.snapshotId);
      expect(version.entries.map((e) => [e.position, e.kind, e.trackId, e.addedAt?.toISOString() ?? null])).toEqual(
        playlist.items.map((item, position) => [position, item.kind, item.kind === "track" ? item.id : null, item.addedAt]),
      );
    }
    // Tracks new to the catalogue came from the items themselves, with their albums and artists.
    const trackIds = readable.flatMap((p) => p.items.filter((i) => i.kind === "track").map((i) => i.id));
    const known = await test.db.track.findMany({ where: { id: { in: trackIds } }, include: { artists: true } });
    expect(known).toHaveLength(new Set(trackIds).size);
    expect(known.every((track) => track.albumId && track.artists.length > 0 && track.durationMs)).toBe(true);
    // Local files and episodes are entries without a track id, with the names the items gave.
    const tidy = readable.find((p) => p.items.some((i) => i.kind === "episode"))!;
    const [tidyVersion] = await versionsOf(ada, tidy.id);
    expect(tidyVersion.entries.filter((e) => e.trackId === null).map((e) => [e.kind, e.name !== null])).toEqual([
      ["local", true],
      ["episode", true],
    ]);

    const cards = await listPlaylistCards(test.db, ada, new Date(runClock));
    expect(cards.map((card) => card.id)).toEqual(playlists.map((p) => p.id));
    const discover = cards.find((card) => card.owner.id === "spotify")!;
    expect(discover).toMatchObject({ readable: false, reason: "spotify-owned", collectedAt: null, tracks: 30, suggestions: 0 });
    expect(cards.find((card) => card.owner.id === "ben")).toMatchObject({ readable: false, reason: "not-owned" });
    for (const card of cards.filter((c) => c.readable)) {
      expect(card.collectedAt).toBe(new Date(runClock).toISOString());
      expect(card.tracks).toBe(playlists.find((p) => p.id === card.id)!.items.length);
    }
    expect(cards.some((card) => card.suggestions > 0)).toBe(true);
    // The page's list, a page at a time: the same cards in the same order, suggestions counted for each page alone.
    for (const limit of [1, 2, 4, cards.length]) {
      const pages = [];
      for (let offset = 0; offset < cards.length; offset += limit) {
        const page = await listPlaylistPage(test.db, ada, new Date(runClock), { offset, limit });
        expect(page.total).toBe(cards.length);
        expect(page.cards.length).toBe(Math.min(limit, cards.length - offset));
        pages.push(...page.cards);
      }
      expect(pages).toEqual(cards);
    }
    expect(await listPlaylistPage(test.db, ada, new Date(runClock), { offset: cards.length, limit: 2 })).toEqual({ cards: [], total: 0 });
    expect(await listPlaylistPage(test.db, ben, new Date(runClock), { offset: 0, limit: 2 })).toEqual({ cards: [], total: 0 });
  });

  it("an unchanged library costs one request per page of /v1/me/playlists and reads no items", async () => {
    runClock += HOUR;
    const result = await collect("ada");
    expect(result).toMatchObject({ status: "complete", stored: 0, requests: pagesOf(library("ada").length) });
    expect(itemsRequests()).toHaveLength(0);
    expect(listingRequests()).toHaveLength(pagesOf(library("ada").length));
  });

  it("a changed playlist is read again whole and stored as a new version; changes compare multisets, newest first", async () => {
    const playlist = library("ada").find((p) => p.ownerId === "ada" && !p.collaborative && p.items.length < 50 && p.items.every((i) => i.kind === "track"))!;
    const first = playlist.items[0].id;
    const second = playlist.items[1].id;
    // Remove the first item; add the second track again (now twice) and two new ones.
    const changed = sim.changePlaylist(playlist.id, { remove: 1, add: 2, addTrackIds: [second] });
    runClock += HOUR;
    const result = await collect("ada");
    expect(result).toMatchObject({ status: "complete", stored: 1 });
    expect(itemsRequests().map((e) => e.path)).toEqual([`/v1/playlists/${playlist.id}/items`]);
    const versions = await versionsOf(ada, playlist.id);
    expect(versions.map((v) => v.snapshotId)).toEqual([playlist.snapshotId, changed.snapshotId]);
    expect(versions[1].entries.filter((e) => e.trackId === second)).toHaveLength(2);

    // A second change: the duplicate goes again.
    const again = sim.changePlaylist(playlist.id, { remove: 1 });
    runClock += HOUR;
    await collect("ada");
    const view = await loadPlaylistView(test.db, ada, playlist.id, new Date(runClock));
    expect(view!.playlist.snapshotId).toBe(again.snapshotId);
    expect(view!.changes.map((c) => c.snapshotId)).toEqual([again.snapshotId, changed.snapshotId]);
    const [newest, older] = view!.changes;
    expect(newest.added).toEqual([]);
    expect(newest.removed.map((t) => t.id)).toEqual([second]);
    expect(older.removed.map((t) => t.id)).toEqual([first]);
    expect(older.added.map((t) => t.id)).toEqual(changed.items.slice(-3).map((i) => i.id));
    expect(older.added[0].id).toBe(second);
    expect(view!.tracks.map((t) => t.id)).toEqual(again.items.map((i) => i.id));
  });

  it("a read cut short by the budget in the middle of a playlist stores nothing; the next run reads it again whole", async () => {
    const archive = library("ada").find((p) => p.items.length > 300)!;
    const changed = sim.changePlaylist(archive.id, { add: 1 });
    const pages = pagesOf(changed.items.length);
    const listing = pagesOf(library("ada").length);
    // Exactly enough for the listing and every page, until one page has to be sent twice.
    sim.addFault({ path: `/v1/playlists/${archive.id}/items`, count: 1, kind: "503" });
    runClock += HOUR;
    const cut = await collect("ada", { requestBudget: listing + pages });
    expect(cut.status).toBe("partial");
    expect(cut.left).toBe(1);
    expect(cut.error).toMatch(/budget/);
    expect(itemsRequests()).toHaveLength(pages); // one 503, then pages - 1 of the pages
    expect((await versionsOf(ada, archive.id)).map((v) => v.snapshotId)).toEqual([archive.snapshotId]);
    const state = await test.db.playlistCollection.findUniqueOrThrow({ where: { userId: ada } });
    expect(state.collectedAt?.getTime()).toBeLessThan(runClock);
    expect(state.lastError).toMatch(/budget/);

    sim.clearLog();
    runClock += HOUR;
    const next = await collect("ada");
    expect(next).toMatchObject({ status: "complete", stored: 1, left: 0 });
    expect(itemsRequests().map((e) => e.status)).toEqual(Array(pages).fill(200));
    const versions = await versionsOf(ada, archive.id);
    expect(versions.map((v) => v.snapshotId)).toEqual([archive.snapshotId, changed.snapshotId]);
    expect(versions[1].entries).toHaveLength(changed.items.length);
  });

  it("a playlist the budget cannot pay for is not started: nothing is sent for it", async () => {
    const archive = library("ada").find((p) => p.items.length > 300)!;
    const small = library("ada").find((p) => p.ownerId === "ada" && p.items.length <= PLAYLIST_PAGE_SIZE && p.id !== archive.id)!;
    sim.changePlaylist(archive.id, { add: 1 });
    const changedSmall = sim.changePlaylist(small.id, { add: 1 });
    runClock += HOUR;
    const result = await collect("ada", { requestBudget: pagesOf(library("ada").length) + 2 });
    expect(result).toMatchObject({ status: "partial", stored: 1, left: 1 });
    expect(itemsRequests().map((e) => e.path)).toEqual([`/v1/playlists/${small.id}/items`]);
    expect((await versionsOf(ada, small.id)).at(-1)!.snapshotId).toBe(changedSmall.snapshotId);
    sim.clearLog();
    expect(await collect("ada")).toMatchObject({ status: "complete", stored: 1 });
  });

  describe("in the cron run", () => {
    const run = (extra: Partial<IngestOptions> = {}) => runIngestion({ db: test.db, transport: fastTransport, now: () => new Date(runClock), ...extra });
    const owned = () => library("ada").filter((p) => p.ownerId === "ada" && !p.collaborative && p.items.length <= PLAYLIST_PAGE_SIZE);

    it("collects after the users' plays, only when the last complete collection is PLAYLIST_INTERVAL_HOURS old", async () => {
      runClock += 25 * HOUR;
      await run();
      const order = sim.log().map((entry) => entry.path);
      expect(order.indexOf("/v1/me/playlists")).toBeGreaterThan(order.lastIndexOf("/v1/me/player/recently-played"));
      expect(listingRequests().length).toBeGreaterThan(0);
      sim.clearLog();
      runClock += 23 * HOUR;
      await run();
      expect(listingRequests()).toHaveLength(0);
      sim.clearLog();
      process.env.PLAYLIST_INTERVAL_HOURS = "12";
      try {
        await run();
        expect(listingRequests().length).toBe(2 * pagesOf(library("ada").length)); // ada and ben
      } finally {
        delete process.env.PLAYLIST_INTERVAL_HOURS;
      }
    });

    for (const kind of ["403", "404", "429"] as const) {
      it(`${kind} on a playlist's items stores nothing and never fails the run`, async () => {
        const playlist = owned()[0];
        const before = await versionsOf(ada, playlist.id);
        const changed = sim.changePlaylist(playlist.id, { add: 1 });
        sim.addFault({ path: `/v1/playlists/${playlist.id}/items`, count: 1, kind, retryAfter: kind === "429" ? 3600 : undefined });
        runClock += 25 * HOUR;
        const result = await run();
        expect(result.users.map((u) => [u.spotifyId, u.status])).toEqual([
          ["ada", "ok"],
          ["ben", "ok"],
        ]);
        const row = await test.db.ingestRun.findUniqueOrThrow({ where: { id: result.runId } });
        expect(row.status).toBe("succeeded");
        expect(itemsRequests().filter((e) => e.path.includes(playlist.id)).map((e) => e.status)).toEqual([Number(kind)]);
        expect((await versionsOf(ada, playlist.id)).map((v) => v.id)).toEqual(before.map((v) => v.id));
        const stored = await test.db.playlist.findUniqueOrThrow({ where: { userId_id: { userId: ada, id: playlist.id } } });
        const state = await test.db.playlistCollection.findUniqueOrThrow({ where: { userId: ada } });
        if (kind === "429") {
          // A rate limit stops the stage: the user stays due and the next run goes on.
          expect(stored.unreadable).toBeNull();
          expect(state.collectedAt!.getTime()).toBeLessThan(runClock);
          expect(state.lastError).toMatch(/rate limited/);
        } else {
          expect(stored.unreadable).toBe("refused");
          expect(state.collectedAt!.getTime()).toBe(runClock);
          const card = (await listPlaylistCards(test.db, ada, new Date(runClock))).find((c) => c.id === playlist.id)!;
          expect(card).toMatchObject({ readable: false, reason: "refused", collectedAt: null, suggestions: 0 });
          const view = await loadPlaylistView(test.db, ada, playlist.id, new Date(runClock));
          expect(view).toMatchObject({ tracks: [], changes: [] });
        }
        // The next collection reads it again, whole.
        sim.clearLog();
        runClock += 25 * HOUR;
        await run();
        expect((await versionsOf(ada, playlist.id)).at(-1)!.snapshotId).toBe(changed.snapshotId);
        expect((await test.db.playlist.findUniqueOrThrow({ where: { userId_id: { userId: ada, id: playlist.id } } })).unreadable).toBeNull();
      });
    }
  });

  it("keeps each user's playlists apart: the same collaborative playlist is two rows, and nobody reads another's", async () => {
    runClock += HOUR;
    expect(await collect("ben")).toMatchObject({ status: "complete" });
    const shared = library("ada").find((p) => p.collaborative)!;
    expect(library("ben").map((p) => p.id)).toContain(shared.id);
    expect(await test.db.playlist.count({ where: { id: shared.id } })).toBe(2);
    // Ben reads the collaborative playlist Ada owns.
    expect((await versionsOf(ben, shared.id)).length).toBeGreaterThan(0);
    const bensOwn = library("ben").filter((p) => p.ownerId === "ben" && !library("ada").some((a) => a.id === p.id));
    expect(bensOwn.length).toBeGreaterThan(0);
    for (const playlist of bensOwn) {
      expect(await loadPlaylistView(test.db, ada, playlist.id, new Date(runClock))).toBeNull();
      expect(await loadPlaylistView(test.db, ben, playlist.id, new Date(runClock))).not.toBeNull();
    }
    expect((await listPlaylistCards(test.db, ada, new Date(runClock))).map((c) => c.id)).not.toContain(bensOwn[0].id);
  });

  it("a user who authorised without the playlist scopes keeps working: only what they allow is listed and read", async () => {
    const chandra = (await connectListener(sim, test.db, "chandra", { scope: "user-read-recently-played user-read-private" })).userId;
    const token = await test.db.spotifyToken.findUniqueOrThrow({ where: { userId: chandra } });
    expect(missingPlaylistScopes(token.scope)).toEqual(["playlist-read-private", "playlist-read-collaborative"]);
    const result = await collect("chandra");
    const visible = library("chandra").filter((p) => p.public && !p.collaborative);
    expect(result).toMatchObject({ status: "complete", listed: visible.length, refused: 0 });
    expect((await listPlaylistCards(test.db, chandra, new Date(runClock))).map((c) => c.id)).toEqual(visible.map((p) => p.id));
    const run = await runIngestion({ db: test.db, transport: fastTransport, now: () => new Date(runClock) });
    expect(run.users.find((u) => u.spotifyId === "chandra")?.status).toBe("ok");
  });

  it("deleting one's data removes one's playlists, versions and entries, and nobody else's", async () => {
    const benVersions = await test.db.playlistVersion.count({ where: { userId: ben } });
    expect(benVersions).toBeGreaterThan(0);
    const adaVersionIds = (await test.db.playlistVersion.findMany({ where: { userId: ada }, select: { id: true } })).map((v) => v.id);
    await deleteAccount(test.db, ada);
    expect(await test.db.playlist.count({ where: { userId: ada } })).toBe(0);
    expect(await test.db.playlistVersion.count({ where: { userId: ada } })).toBe(0);
    expect(await test.db.playlistEntry.count({ where: { versionId: { in: adaVersionIds } } })).toBe(0);
    expect(await test.db.playlistCollection.count({ where: { userId: ada } })).toBe(0);
    expect(await test.db.playlistVersion.count({ where: { userId: ben } })).toBe(benVersions);
  });
});
