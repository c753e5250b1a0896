/**
 * bench group "web" (issue 8): the overview page of the statistics bench's 1,000,000-play
 * listener (scaled), rendered by `next start` on 127.0.0.1 under 16 concurrent requests
 * (autocannon, bounded in count and time): p50 and p95 latency, each compared with getReport()
 * for the same user and range measured in-process in the same run. Target: p95 ≤ 2× getReport.
 *
 * Ranges: all time (`?range=all`), the default (`/dashboard`, the last 4 weeks before now) and,
 * for context, four weeks ending at the listener's last play (`?from=&to=`): the generated
 * history ends on 2026-01-01, so the default window can be empty.
 *
 * The trends page (issue 17) under the same load, as of the listener's last play, against the
 * floor below (target: p95 ≤ 2.5× the floor's).
 *
 * Floor, for context: the anonymous sign-in page (`/`: no session, no database) under the same
 * load. No overview can be faster than Next.js serving its smallest page on the same machine.
 */
import { randomBytes } from "node:crypto";
import { OVERVIEW_LIMIT } from "@/app/dashboard/_lib/limits";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { addDays, localDateOf } from "@/lib/stats/local-time";
import { resolveRangeQuery } from "@/lib/stats/range";
import { getReport } from "@/lib/stats/report";
import type { StatsFilter } from "@/lib/stats/types";
import { ensureData } from "./stats";
import { fetchPage, load, median, percentile } from "./support/web-load";
import { ensureProductionBuild, groupCpuMs, startServer, type WebServer } from "./support/web-server";
import { sessionCookie } from "./support/web-session";
import { compared, round, type BenchOptions } from "./types";

const CONNECTIONS = 16;
const AMOUNT = 200;
const MAX_SECONDS = 30;
const P95_TARGET = 2;
/** Issue 17: the trends page's p95 at most 2.5× the floor page's under the same load. */
const TRENDS_P95_TARGET = 2.5;
const REPORT_WARM_UP = 2;
const REPORT_RUNS = 7;
const SEQUENTIAL_RUNS = 5;
const USER_ID = "bench-user-0";

type Case = { name: string; path: string; query: { range?: string; from?: string; to?: string } };

async function reportTimes(db: Db, filter: () => StatsFilter): Promise<number> {
  for (let i = 0; i < REPORT_WARM_UP; i++) await getReport(db, filter());
  const times: number[] = [];
  for (let i = 0; i < REPORT_RUNS; i++) {
    const started = performance.now();
    await getReport(db, filter());
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The same report 16 at a time in this process (pool as in the server): DB contention without Next. */
async function concurrentReportP95(db: Db, filter: () => StatsFilter, perWorker: number): Promise<number> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let i = 0; i < perWorker; i++) {
        const started = performance.now();
        await getReport(db, filter());
        times.push(performance.now() - started);
      }
    }),
  );
  return percentile(times, 95);
}

/** The sign-in page without a session, under the overview's load: Next.js's own cost per page here. */
async function loadAnonymousSignInPage(server: WebServer, log: (line: string) => void): Promise<{ p95: number; cpuMs: number }> {
  const pageUrl = `${server.origin}/`;
  const anonymous = "encore-bench=anonymous"; // any cookie but a session
  const first = await fetchPage(pageUrl, anonymous);
  if (first.status !== 200 || !first.body.includes("Sign in")) throw new Error(`GET / without a session answered ${first.status}, expected the sign-in page`);
  await load({ url: pageUrl, cookie: anonymous, connections: CONNECTIONS, amount: 2 * CONNECTIONS, maxSeconds: MAX_SECONDS });
  const cpuBefore = groupCpuMs(server.pid);
  const result = await load({ url: pageUrl, cookie: anonymous, connections: CONNECTIONS, amount: AMOUNT, maxSeconds: MAX_SECONDS });
  const cpuMs = (groupCpuMs(server.pid) - cpuBefore) / Math.max(1, result.completed);
  log(`web bench: floor (sign-in page, no session): p50 ${Math.round(result.p50)} ms, p95 ${Math.round(result.p95)} ms, server CPU ${Math.round(cpuMs)} ms/request`);
  return { p95: result.p95, cpuMs };
}

/** GET /dashboard/trends?now= under the overview's load: p50 and p95. */
async function loadTrendsPage(server: WebServer, cookie: string, now: Date, log: (line: string) => void): Promise<{ p50: number; p95: number }> {
  const pageUrl = `${server.origin}/dashboard/trends?now=${encodeURIComponent(now.toISOString())}`;
  const first = await fetchPage(pageUrl, cookie);
  if (first.status !== 200 || !first.body.includes("Rising artists")) throw new Error(`GET /dashboard/trends answered ${first.status}, expected the trends page`);
  await load({ url: pageUrl, cookie, connections: CONNECTIONS, amount: 2 * CONNECTIONS, maxSeconds: MAX_SECONDS });
  const cpuBefore = groupCpuMs(server.pid);
  const result = await load({ url: pageUrl, cookie, connections: CONNECTIONS, amount: AMOUNT, maxSeconds: MAX_SECONDS });
  const cpuMs = (groupCpuMs(server.pid) - cpuBefore) / Math.max(1, result.completed);
  log(`web bench: trends page: ${result.completed} × 200, ${result.failed} failed, p50 ${Math.round(result.p50)} ms, p95 ${Math.round(result.p95)} ms, server CPU ${Math.round(cpuMs)} ms/request`);
  return { p50: result.p50, p95: result.p95 };
}

export async function run(options: BenchOptions): Promise<void> {
  const log = (line: string) => console.error(line);
  const { url } = await ensureData(options, log);
  await ensureProductionBuild(log);

  const db = createPrismaClient(url);
  let server: WebServer | undefined;
  const onSignal = () => {
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const user = await db.user.findUniqueOrThrow({ where: { id: USER_ID } });
    const displayName = user.displayName ?? user.spotifyId;
    const [last] = await db.$queryRaw<{ last: Date }[]>`SELECT max(played_at) AS last FROM plays WHERE user_id = ${USER_ID}`;
    const lastDay = localDateOf(last.last, user.timeZone);
    const cases: Case[] = [
      { name: "all", path: "/dashboard?range=all", query: { range: "all" } },
      { name: "4w", path: "/dashboard", query: {} },
      { name: "4w_last_plays", path: `/dashboard?from=${addDays(lastDay, -27)}&to=${addDays(lastDay, 1)}`, query: { from: addDays(lastDay, -27), to: addDays(lastDay, 1) } },
    ];

    const secret = randomBytes(32).toString("base64url");
    server = await startServer(
      { DATABASE_URL: url, AUTH_SECRET: secret, NEXTAUTH_SECRET: secret, TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") },
      log,
    );
    const cookie = await sessionCookie(secret, user);

    const sanity = await fetchPage(`${server.origin}/dashboard?range=all`, cookie);
    if (sanity.status !== 200) throw new Error(`GET /dashboard?range=all answered ${sanity.status}, expected 200 (is the session cookie accepted?)`);
    if (!sanity.body.includes(displayName)) throw new Error(`GET /dashboard?range=all does not show the listener's name "${displayName}"`);
    log(`web bench: sanity check ok (${Math.round(sanity.ms)} ms, ${sanity.body.length} bytes)`);

    let allTimeReport = Number.NaN;
    for (const item of cases) {
      const pageUrl = `${server.origin}${item.path}`;
      const filter = (): StatsFilter => {
        const now = new Date(); // as the page does
        const range = resolveRangeQuery(item.query, now, user.timeZone);
        return { userId: USER_ID, from: range.from, to: range.to, timeZone: user.timeZone, limit: OVERVIEW_LIMIT, now };
      };

      // Warm up: the route's first renders, then a short burst at full concurrency.
      const sequential: number[] = [];
      for (let i = 0; i < SEQUENTIAL_RUNS; i++) {
        const page = await fetchPage(pageUrl, cookie);
        if (page.status !== 200) throw new Error(`GET ${item.path} answered ${page.status} during warm-up`);
        sequential.push(page.ms);
      }
      await load({ url: pageUrl, cookie, connections: CONNECTIONS, amount: 2 * CONNECTIONS, maxSeconds: MAX_SECONDS });

      const cpuBefore = groupCpuMs(server.pid);
      const result = await load({ url: pageUrl, cookie, connections: CONNECTIONS, amount: AMOUNT, maxSeconds: MAX_SECONDS });
      const cpuMs = groupCpuMs(server.pid) - cpuBefore;
      log(
        `web bench: ${item.name}: ${result.completed} × 200 in ${result.seconds.toFixed(1)} s (${result.requestsPerSecond.toFixed(1)} req/s), ` +
          `${result.failed} failed, p50 ${Math.round(result.p50)} ms, p95 ${Math.round(result.p95)} ms, max ${Math.round(result.max)} ms, ` +
          `server CPU ${Math.round(cpuMs / Math.max(1, result.completed))} ms/request`,
      );

      // Baselines with the server idle, same user, range and limit as the page.
      const report = await reportTimes(db, filter);
      if (item.name === "all") allTimeReport = report;
      options.emit(compared("web", `overview_p95_${item.name}`, result.p95, "ms", report, P95_TARGET));
      options.emit(compared("web", `overview_p50_${item.name}`, result.p50, "ms", report));
      if (result.failed > 0 || result.completed === 0) {
        options.emit({ group: "web", name: `overview_failed_requests_${item.name}`, value: result.failed, unit: "requests", ok: false });
      }
      // Context for a diagnosis: one request alone, server CPU, and the report 16 at a time without Next.
      options.emit(compared("web", `overview_single_request_${item.name}`, median(sequential), "ms", report));
      options.emit({ group: "web", name: `overview_throughput_${item.name}`, value: round(result.requestsPerSecond), unit: "requests/s" });
      options.emit({ group: "web", name: `overview_server_cpu_per_request_${item.name}`, value: round(cpuMs / Math.max(1, result.completed)), unit: "ms" });
      options.emit(compared("web", `getreport_16_concurrent_p95_${item.name}`, await concurrentReportP95(db, filter, 4), "ms", report));
    }

    // The trends page (issue 17) as of the listener's last play (the generated history ends before today).
    const trendsPage = await loadTrendsPage(server, cookie, new Date(last.last.getTime() + 3_600_000), log);
    const floor = await loadAnonymousSignInPage(server, log);
    options.emit(compared("web", "trends_page_p95_vs_floor", trendsPage.p95, "ms", floor.p95, TRENDS_P95_TARGET));
    options.emit(compared("web", "trends_page_p50_vs_floor", trendsPage.p50, "ms", floor.p95));
    options.emit(compared("web", "floor_signin_page_p95_vs_report_all", floor.p95, "ms", allTimeReport));
    options.emit({ group: "web", name: "floor_signin_page_server_cpu_per_request", value: round(floor.cpuMs), unit: "ms" });
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    await server?.stop();
    await db.$disconnect();
  }
}
