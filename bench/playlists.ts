/**
 * bench group "playlists" (issue 18): a listener with 200 playlists (× --scale) of 100 tracks,
 * collected from the simulator with `collectPlaylistsNow` (the cron stage's code path).
 *
 * Figures:
 * - Spotify requests of the first collection against the minimum: the pages of
 *   /v1/me/playlists plus the pages of items of every playlist it may read. Target 1×.
 * - Requests of a second collection with nothing changed against the pages of
 *   /v1/me/playlists alone. Target 1×.
 * - The page of one of those playlists (/dashboard/playlists/[id], 100 tracks, with the
 *   listener's two years of generated plays) under the web bench's load (16 connections, 200
 *   requests) against the floor: the anonymous sign-in page under the same load. Target p95 ≤ 2.5×.
 *   The list page (/dashboard/playlists, all 200) is reported for context.
 * The database and the simulator are made fresh for each run (nothing is cached: the data is
 * generated in seconds).
 */
import { randomBytes } from "node:crypto";
import { dropDatabase, recreateDatabase } from "@/lib/db/admin";
import { createPrismaClient } from "@/lib/db/client";
import { deployMigrations } from "@/lib/db/migrate";
import { collectPlaylistsNow } from "@/lib/playlists/collect-now";
import { pagesFor } from "@/lib/playlists/read-spotify";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, generateCatalogue, generateListenerPlays, startSimulator } from "@/lib/simulator";
import { connectListeners } from "./support/ingest-listeners";
import { fetchPage, load } from "./support/web-load";
import { ensureProductionBuild, startServer, type WebServer } from "./support/web-server";
import { sessionCookie } from "./support/web-session";
import { compared, round, type BenchOptions } from "./types";

const PLAYLISTS_AT_SCALE_1 = 200;
const TRACKS_PER_PLAYLIST = 100;
const LISTENER = "listener-0001";
const CONNECTIONS = 16;
const AMOUNT = 200;
const MAX_SECONDS = 30;
const P95_TARGET = 2.5;
const HISTORY_DAYS = 730;

export async function run(options: BenchOptions): Promise<void> {
  const log = (line: string) => console.error(`[bench playlists] ${line}`);
  const playlistCount = Math.max(1, Math.round(PLAYLISTS_AT_SCALE_1 * options.scale));
  const sim = await startSimulator({ port: 0, extraListeners: 1, latencyMs: 0, accessTokenTtlSeconds: 24 * 3600 });
  Object.assign(process.env, {
    SPOTIFY_ACCOUNTS_URL: sim.url,
    SPOTIFY_API_URL: sim.url,
    SPOTIFY_CLIENT_ID: DEMO_CLIENT_ID,
    SPOTIFY_CLIENT_SECRET: DEMO_CLIENT_SECRET,
  });
  process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  const name = `encore_bench_playlists_${randomBytes(4).toString("hex")}`;
  const url = await recreateDatabase(options.serverUrl, name);
  await deployMigrations(url);
  const db = createPrismaClient(url);
  let server: WebServer | undefined;
  try {
    // The listener's generated playlists, topped up with playlists of 100 tracks to `playlistCount`.
    const own = sim.playlists(LISTENER).length;
    if (own < playlistCount) sim.addPlaylists(LISTENER, { count: playlistCount - own, tracks: TRACKS_PER_PLAYLIST });
    const library = sim.playlists(LISTENER);
    const readable = library.filter((p) => p.ownerId === LISTENER || p.collaborative);
    const listingPages = pagesFor(library.length);
    const minimum = listingPages + readable.reduce((sum, p) => sum + pagesFor(p.items.length), 0);
    const userId = (await connectListeners(sim, db, [LISTENER])).get(LISTENER)!;
    log(`${library.length} playlists (${readable.length} readable, ${readable.filter((p) => p.items.length === TRACKS_PER_PLAYLIST).length} of ${TRACKS_PER_PLAYLIST} tracks)`);

    sim.clearLog();
    let started = performance.now();
    const first = await collectPlaylistsNow({ db, spotifyId: LISTENER, requestBudget: 100_000, timeBudgetMs: 600_000 });
    const firstSeconds = (performance.now() - started) / 1000;
    if (first.status !== "complete") throw new Error(`the first collection did not complete: ${first.error}`);
    const firstSent = sim.log().length;
    log(`first collection: ${firstSent} requests (client counted ${first.requests}), minimum ${minimum}, ${first.stored} versions in ${firstSeconds.toFixed(1)} s`);
    options.emit(compared("playlists", "first collection: Spotify requests vs minimum (listing pages + item pages)", firstSent, "requests", minimum, 1));
    options.emit({ group: "playlists", name: "first collection duration", value: round(firstSeconds), unit: "s" });

    sim.clearLog();
    started = performance.now();
    const second = await collectPlaylistsNow({ db, spotifyId: LISTENER, requestBudget: 100_000, timeBudgetMs: 600_000 });
    const secondSeconds = (performance.now() - started) / 1000;
    if (second.status !== "complete") throw new Error(`the second collection did not complete: ${second.error}`);
    log(`second collection, nothing changed: ${sim.log().length} requests, ${second.unchanged} unchanged, in ${secondSeconds.toFixed(2)} s`);
    options.emit(compared("playlists", "unchanged collection: Spotify requests vs listing pages", sim.log().length, "requests", listingPages, 1));
    options.emit({ group: "playlists", name: "unchanged collection duration", value: round(secondSeconds), unit: "s" });

    // Two years of the listener's plays, so the page counts real streams and skips.
    const now = new Date();
    const plays = generateListenerPlays(generateCatalogue("encore"), sim.state.listener(LISTENER)!, { from: new Date(now.getTime() - HISTORY_DAYS * 86_400_000), to: now });
    await db.$executeRaw`
      INSERT INTO plays (user_id, track_id, played_at, ms_played, source)
      SELECT ${userId}, t, p, m, 'export_extended'::play_source
      FROM unnest(${plays.map((p) => p.trackId)}::text[], ${plays.map((p) => p.playedAt)}::timestamptz[], ${plays.map((p) => p.msPlayed)}::int[]) AS x(t, p, m)
      ON CONFLICT DO NOTHING`;
    // A database in use has planner statistics (autovacuum); one loaded a second ago has none yet.
    await db.$executeRaw`ANALYZE`;
    log(`${plays.length} plays over ${HISTORY_DAYS} days`);

    await ensureProductionBuild(log);
    const secret = randomBytes(32).toString("base64url");
    server = await startServer({ DATABASE_URL: url, AUTH_SECRET: secret, NEXTAUTH_SECRET: secret, TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY! }, log);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    const cookie = await sessionCookie(secret, user);
    const target = readable.find((p) => p.items.length === TRACKS_PER_PLAYLIST) ?? readable[0];

    const measure = async (label: string, path: string, pageCookie: string, expect: string) => {
      const pageUrl = `${server!.origin}${path}`;
      const sanity = await fetchPage(pageUrl, pageCookie);
      if (sanity.status !== 200 || !sanity.body.includes(expect)) throw new Error(`GET ${path} answered ${sanity.status} without "${expect}"`);
      for (let i = 0; i < 3; i++) await fetchPage(pageUrl, pageCookie);
      await load({ url: pageUrl, cookie: pageCookie, connections: CONNECTIONS, amount: 2 * CONNECTIONS, maxSeconds: MAX_SECONDS });
      const result = await load({ url: pageUrl, cookie: pageCookie, connections: CONNECTIONS, amount: AMOUNT, maxSeconds: MAX_SECONDS });
      log(`${label}: ${result.completed} × 200, ${result.failed} failed, p50 ${Math.round(result.p50)} ms, p95 ${Math.round(result.p95)} ms`);
      if (result.failed > 0) options.emit({ group: "playlists", name: `${label}: failed requests`, value: result.failed, unit: "requests", ok: false });
      return result;
    };
    const floor = await measure("floor (sign-in page, no session)", "/", "encore-bench=anonymous", "Sign in");
    const page = await measure("playlist page", `/dashboard/playlists/${target.id}`, cookie, target.name);
    const list = await measure("playlists list page", "/dashboard/playlists", cookie, target.name);
    options.emit(compared("playlists", `playlist page (${target.items.length} tracks) p95 vs floor p95`, page.p95, "ms", floor.p95, P95_TARGET));
    options.emit(compared("playlists", "playlist page p50 vs floor p50", page.p50, "ms", floor.p50));
    options.emit(compared("playlists", `playlists list page (${library.length} playlists) p95 vs floor p95`, list.p95, "ms", floor.p95));
  } finally {
    await server?.stop();
    await db.$disconnect();
    await sim.close();
    await dropDatabase(options.serverUrl, name).catch(() => undefined);
  }
}
