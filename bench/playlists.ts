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
 *   Measured once the lookups the collection queued (its artists' details) have been read, as the
 *   cron's next run does; the first minutes before that, for context, in one round.
 * - The list page (/dashboard/playlists: the first 50 of the 200, with their suggestion counts)
 *   likewise, target p95 ≤ 2.5×; another dashboard page (streaks: what the session, header and
 *   navigation cost) for context.
 *   Three rounds in turn, medians; and each page's server CPU per request (the Next.js process
 *   group's, PostgreSQL's not included), steadier than latencies on a shared machine.
 * The database and the simulator are made fresh for each run (nothing is cached: the data is
 * generated in seconds).
 */
import { randomBytes } from "node:crypto";
import { dropDatabase, recreateDatabase } from "@/lib/db/admin";
import { createPrismaClient } from "@/lib/db/client";
import { deployMigrations } from "@/lib/db/migrate";
import { getValidAccessToken } from "@/lib/auth/tokens";
import { advanceEnrichment } from "@/lib/enrichment";
import { collectPlaylistsNow } from "@/lib/playlists/collect-now";
import { pagesFor } from "@/lib/playlists/read-spotify";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, generateCatalogue, generateListenerPlays, startSimulator } from "@/lib/simulator";
import { createSpotifyClient, RequestBudget } from "@/lib/spotify";
import { connectListeners } from "./support/ingest-listeners";
import { fetchPage, load, median, warmUpServer, type LoadResult } from "./support/web-load";
import { ensureProductionBuild, groupCpuMs, startServer, type WebServer } from "./support/web-server";
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
const ROUNDS = 3;

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
    // Only plays of tracks the catalogue has (those of the collected playlists): the others would
    // need their albums and artists stored first, and the pages measured never show them.
    const plays = generateListenerPlays(generateCatalogue("encore"), sim.state.listener(LISTENER)!, { from: new Date(now.getTime() - HISTORY_DAYS * 86_400_000), to: now });
    const stored = await db.$executeRaw`
      INSERT INTO plays (user_id, track_id, played_at, ms_played, source)
      SELECT ${userId}, x.t, x.p, x.m, 'export_extended'::play_source
      FROM unnest(${plays.map((p) => p.trackId)}::text[], ${plays.map((p) => p.playedAt)}::timestamptz[], ${plays.map((p) => p.msPlayed)}::int[]) AS x(t, p, m)
      WHERE EXISTS (SELECT 1 FROM tracks t WHERE t.id = x.t)
      ON CONFLICT DO NOTHING`;
    // A database in use has planner statistics (autovacuum); one loaded a second ago has none yet.
    await db.$executeRaw`ANALYZE`;
    log(`${stored} plays over ${HISTORY_DAYS} days (of ${plays.length} generated, those of catalogue tracks)`);

    await ensureProductionBuild(log);
    const secret = randomBytes(32).toString("base64url");
    server = await startServer({ DATABASE_URL: url, AUTH_SECRET: secret, NEXTAUTH_SECRET: secret, TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY! }, log);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    const cookie = await sessionCookie(secret, user);
    const target = readable.find((p) => p.items.length === TRACKS_PER_PLAYLIST) ?? readable[0];

    const pages = {
      floor: { label: "floor (sign-in page, no session)", path: "/", cookie: "encore-bench=anonymous", expect: "Sign in" },
      playlist: { label: `playlist page (${target.items.length} tracks)`, path: `/dashboard/playlists/${target.id}`, cookie, expect: target.name },
      list: { label: `playlists list page (${library.length} playlists)`, path: "/dashboard/playlists", cookie, expect: target.name },
      streaks: { label: "another dashboard page (streaks)", path: "/dashboard/streaks", cookie, expect: "Streaks" },
    };
    // Right after the first collection, the lookups it queued (the playlists' artists' details)
    // concern the listener's plays, and every signed-in page counts them for its progress line,
    // until the cron's next run reads them (its enrichment stage comes before playlists, SPEC §3).
    // Those first minutes for context, one round; the rounds below measure the page as the
    // listener sees it every day after.
    const queued = await db.enrichmentTask.count();
    await warmUpServer(`${server.origin}${pages.floor.path}`, pages.floor.cookie, CONNECTIONS);
    const firstMinutes: Partial<Record<keyof typeof pages, LoadResult>> = {};
    for (const key of ["floor", "playlist"] as const) {
      const pageUrl = `${server.origin}${pages[key].path}`;
      await load({ url: pageUrl, cookie: pages[key].cookie, connections: CONNECTIONS, amount: 2 * CONNECTIONS, maxSeconds: MAX_SECONDS });
      firstMinutes[key] = await load({ url: pageUrl, cookie: pages[key].cookie, connections: CONNECTIONS, amount: AMOUNT, maxSeconds: MAX_SECONDS });
    }
    const budget = new RequestBudget(100_000);
    const client = createSpotifyClient({ budget, accessToken: () => getValidAccessToken(db, userId) });
    const read = await advanceEnrichment({ db, client, budget });
    if (read.stoppedBy !== "empty") throw new Error(`the lookups the collection queued were not all read: ${read.stoppedBy} ${read.error ?? ""}`);
    log(`first minutes (${queued} lookups queued): playlist page p95 ${Math.round(firstMinutes.playlist!.p95)} ms, floor ${Math.round(firstMinutes.floor!.p95)} ms; then the next run's enrichment read them (${read.requests} requests)`);
    options.emit(compared("playlists", `${pages.playlist.label} p95 vs floor p95 while the collection's ${queued} lookups wait (first minutes, one round)`, firstMinutes.playlist!.p95, "ms", firstMinutes.floor!.p95));

    const results: Record<keyof typeof pages, LoadResult[]> = { floor: [], playlist: [], list: [], streaks: [] };
    const cpuMs: Record<keyof typeof pages, number[]> = { floor: [], playlist: [], list: [], streaks: [] };
    for (const page of Object.values(pages)) {
      const sanity = await fetchPage(`${server.origin}${page.path}`, page.cookie);
      if (sanity.status !== 200 || !sanity.body.includes(page.expect)) throw new Error(`GET ${page.path} answered ${sanity.status} without "${page.expect}"`);
      for (let i = 0; i < 3; i++) await fetchPage(`${server.origin}${page.path}`, page.cookie);
      // The list shows a page of the library at a time: say how many of them.
      if (page === pages.list) page.label = `playlists list page (${sanity.body.match(/data-testid="playlist"/g)?.length ?? 0} shown of ${library.length} playlists)`;
    }
    // Rounds in turn, so that the machine's load at one moment (2 cores shared with other work)
    // weighs on every page alike; each figure is the median of its rounds.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [key, page] of Object.entries(pages) as [keyof typeof pages, (typeof pages)[keyof typeof pages]][]) {
        const pageUrl = `${server.origin}${page.path}`;
        await load({ url: pageUrl, cookie: page.cookie, connections: CONNECTIONS, amount: 2 * CONNECTIONS, maxSeconds: MAX_SECONDS });
        const cpuBefore = groupCpuMs(server.pid);
        const result = await load({ url: pageUrl, cookie: page.cookie, connections: CONNECTIONS, amount: AMOUNT, maxSeconds: MAX_SECONDS });
        cpuMs[key].push((groupCpuMs(server.pid) - cpuBefore) / Math.max(1, result.completed));
        log(
          `round ${round + 1}: ${page.label}: ${result.completed} × 200, ${result.failed} failed, p50 ${Math.round(result.p50)} ms, p95 ${Math.round(result.p95)} ms, ` +
            `server CPU ${Math.round(cpuMs[key].at(-1)!)} ms/request`,
        );
        if (result.failed > 0) options.emit({ group: "playlists", name: `${page.label}: failed requests`, value: result.failed, unit: "requests", ok: false });
        results[key].push(result);
      }
    }
    const p95 = (key: keyof typeof pages) => median(results[key].map((r) => r.p95));
    const p50 = (key: keyof typeof pages) => median(results[key].map((r) => r.p50));
    options.emit(compared("playlists", `${pages.playlist.label} p95 vs floor p95`, p95("playlist"), "ms", p95("floor"), P95_TARGET));
    options.emit(compared("playlists", `${pages.playlist.label} p50 vs floor p50`, p50("playlist"), "ms", p50("floor")));
    options.emit(compared("playlists", `${pages.list.label} p95 vs floor p95`, p95("list"), "ms", p95("floor"), P95_TARGET));
    // Context: what any signed-in dashboard page costs over the floor (session, header, navigation).
    options.emit(compared("playlists", `${pages.streaks.label} p95 vs floor p95`, p95("streaks"), "ms", p95("floor")));
    for (const [key, page] of Object.entries(pages) as [keyof typeof pages, (typeof pages)[keyof typeof pages]][]) {
      options.emit({ group: "playlists", name: `${page.label}: server CPU per request`, value: round(median(cpuMs[key])), unit: "ms" });
    }
  } finally {
    await server?.stop();
    await db.$disconnect();
    await sim.close();
    await dropDatabase(options.serverUrl, name).catch(() => undefined);
  }
}
