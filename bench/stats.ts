/**
 * bench group "stats": getReport on a listener with 1,000,000 plays over 10 years (and 9 others
 * with 100,000 each in the same tables), all-time / one year / four weeks, each against one
 * aggregate scan of that user's plays measured in the same run (SPEC section 8, issue 7).
 *
 * Generated once per scale into its own database (encore_bench_stats_<scale>) with
 * INSERT ... SELECT generate_series, rollups built with rebuildRollups; a marker file under
 * .data/bench/ says the database is complete, so later runs reuse it.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { deployMigrations } from "@/lib/db/migrate";
import { resolveRangeQuery, yearRange } from "@/lib/stats/range";
import { getReport } from "@/lib/stats/report";
import { getArtistReport } from "@/lib/stats/artistReport";
import { getTopArtists } from "@/lib/stats/topArtists";
import { rebuildRollups } from "@/lib/stats/rollups";
import { getTrends } from "@/lib/stats/trends";
import { trendWindows } from "@/lib/stats/trend-windows";
import { startOfLocalDate } from "@/lib/stats/local-time";
import type { StatsFilter } from "@/lib/stats/types";
import { compared, type BenchOptions } from "./types";

const GENERATOR_VERSION = 2;
/** Bump when the rollup tables change: cached plays are kept, rollups rebuilt. */
const ROLLUP_VERSION = 6;
const YEARS = 10;
const FIRST_DAY = "2016-01-01";
const WARM_UP_RUNS = 2;
const MEASURED_RUNS = 7;

type Sizes = { mainPlays: number; otherPlays: number; otherUsers: number; tracks: number; albums: number; artists: number };

function sizes(scale: number): Sizes {
  return {
    mainPlays: Math.round(1_000_000 * scale),
    otherPlays: Math.round(100_000 * scale),
    otherUsers: 9,
    tracks: 6000,
    albums: 600,
    artists: 400,
  };
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", "America/Sao_Paulo", "Australia/Sydney", "Asia/Tokyo", "Europe/London", "America/Los_Angeles", "Africa/Lagos"];

/**
 * Catalogue and plays in SQL: sessions of 20 plays ~3 min apart, a skewed taste (popular tracks
 * belong to a few favourite artists with many tracks, the long tail to artists with few) whose
 * favourites drift over the years; 30 % of plays without ms_played, 15 % of the rest skips.
 */
async function generate(url: string, s: Sizes, log: (line: string) => void): Promise<void> {
  await withClient(url, async (client) => {
    await client.query("SELECT setseed(0.42)");
    await client.query(
      `INSERT INTO artists (id, name, genres, details_fetched_at)
       SELECT 'artist' || lpad(i::text, 5, '0'), 'Artist ' || i,
              CASE WHEN random() < 0.1 THEN '{}'::text[]
                   ELSE ARRAY(SELECT DISTINCT 'genre ' || (1 + floor(random() * 40))::int FROM generate_series(1, 1 + (i % 3)) g WHERE i > 0) END,
              now()
       FROM generate_series(1, $1) i`,
      [s.artists],
    );
    await client.query(
      `INSERT INTO albums (id, name, total_tracks)
       SELECT 'album' || lpad(i::text, 5, '0'), 'Album ' || i, CASE WHEN random() < 0.1 THEN NULL ELSE 8 + (i % 9) END
       FROM generate_series(1, $1) i`,
      [s.albums],
    );
    await client.query(
      `INSERT INTO tracks (id, name, duration_ms, album_id, enriched_at)
       SELECT 'track' || lpad(i::text, 6, '0'), 'Track ' || i,
              CASE WHEN random() < 0.03 THEN NULL ELSE 120000 + floor(random() * 240000)::int END,
              'album' || lpad((1 + (i % $2))::text, 5, '0'), now()
       FROM generate_series(1, $1) i`,
      [s.tracks, s.albums],
    );
    await client.query(
      `INSERT INTO track_artists (track_id, position, artist_id)
       SELECT 'track' || lpad(i::text, 6, '0'), 0, 'artist' || lpad((1 + floor($2::int * ((i - 1)::float8 / $1::int) ^ 1.2))::int::text, 5, '0')
       FROM generate_series(1, $1) i
       UNION ALL
       SELECT 'track' || lpad(i::text, 6, '0'), 1, 'artist' || lpad((1 + ((i * 7 + 3) % $2::int))::text, 5, '0')
       FROM generate_series(1, $1) i WHERE i % 5 = 0`,
      [s.tracks, s.artists],
    );
    for (let u = 0; u <= s.otherUsers; u++) {
      const plays = u === 0 ? s.mainPlays : s.otherPlays;
      await client.query(`INSERT INTO users (id, spotify_id, display_name, time_zone, updated_at) VALUES ($1, $2, $3, $4, now())`, [
        `bench-user-${u}`,
        `bench-listener-${u}`,
        `Bench listener ${u}`,
        ZONES[u % ZONES.length],
      ]);
      const sessions = Math.max(1, Math.ceil(plays / 20));
      const started = Date.now();
      await client.query(
        `INSERT INTO plays (user_id, track_id, played_at, ms_played, source, reason_start, reason_end, shuffle, skipped, offline, platform, country)
         SELECT $1, 'track' || lpad((1 + ((floor($5::int * random() ^ 3)::int + (session / 500) * 37) % $5::int))::text, 6, '0'),
                $3::timestamptz + session * ($4::float8 / $2 * interval '1 second')
                  + (hash_jitter * interval '20 minutes') + (slot * interval '190 seconds'),
                ms, CASE WHEN ms IS NULL THEN 'recently_played' ELSE 'export_extended' END::play_source,
                'trackdone', CASE WHEN ms < 30000 THEN 'fwdbtn' ELSE 'trackdone' END, random() < 0.5, ms < 30000, false, 'android', 'DE'
         FROM (
           SELECT i / 20 AS session, i % 20 AS slot, random() AS hash_jitter,
                  CASE WHEN random() < 0.3 THEN NULL WHEN random() < 0.15 THEN floor(random() * 30000)::int ELSE 30000 + floor(random() * 270000)::int END AS ms
           FROM generate_series(0, $6 - 1) i
         ) g`,
        [`bench-user-${u}`, sessions, `${FIRST_DAY}T00:00:00Z`, YEARS * 365.25 * 86400, s.tracks, plays],
      );
      log(`stats bench: user ${u}: ${plays} plays in ${Date.now() - started} ms`);
    }
    await client.query("VACUUM ANALYZE");
  });
}

export async function ensureData(options: BenchOptions, log: (line: string) => void): Promise<{ url: string; sizes: Sizes }> {
  const s = sizes(options.scale);
  const name = `encore_bench_stats_${String(options.scale).replace(".", "_")}`;
  const marker = path.join(options.cacheDir, `stats-${options.scale}.json`);
  const url = databaseUrl(options.serverUrl, name);
  const expected = JSON.stringify({ version: GENERATOR_VERSION, database: name, sizes: s });
  const adminUrl = databaseUrl(options.serverUrl, "postgres");
  const exists = await withClient(adminUrl, async (client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
  const cached = exists && fs.existsSync(marker) ? (JSON.parse(fs.readFileSync(marker, "utf8")) as { data?: string; rollups?: number }) : {};
  if (cached.data === expected && cached.rollups === ROLLUP_VERSION) {
    await deployMigrations(url); // a newer migration (e.g. an index) applies to the cached data too
    return { url, sizes: s };
  }
  if (cached.data !== expected) {
    log(`stats bench: generating ${name} (cached for later runs)`);
    await withClient(adminUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}"`);
    });
    await deployMigrations(url);
    await generate(url, s, log);
  } else {
    await deployMigrations(url);
  }
  const db = createPrismaClient(url);
  try {
    for (let u = 0; u <= s.otherUsers; u++) {
      const started = Date.now();
      await rebuildRollups(db, `bench-user-${u}`);
      log(`stats bench: rollups of user ${u} in ${Date.now() - started} ms`);
    }
  } finally {
    await db.$disconnect();
  }
  await withClient(url, (client) => client.query("VACUUM ANALYZE"));
  fs.writeFileSync(marker, JSON.stringify({ data: expected, rollups: ROLLUP_VERSION }));
  return { url, sizes: s };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timeMedian(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP_RUNS; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < MEASURED_RUNS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function run(options: BenchOptions): Promise<void> {
  const log = (line: string) => console.error(line);
  const { url } = await ensureData(options, log);
  const db: Db = createPrismaClient(url);
  try {
    const userId = "bench-user-0";
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    const [last] = await db.$queryRaw<{ last: Date }[]>`SELECT max(played_at) AS last FROM plays WHERE user_id = ${userId}`;
    const now = new Date(last.last.getTime() + 3_600_000);
    const timeZone = user.timeZone;
    const lastYear = Number(now.toISOString().slice(0, 4)) - 1;
    const fourWeeks = resolveRangeQuery({ range: "4w" }, now, timeZone);
    const ranges: Array<{ name: string; from: Date | null; to: Date | null; target?: number }> = [
      { name: "report all-time (1M plays) vs one aggregate scan", from: null, to: null, target: 1.5 },
      { name: "report one year vs one aggregate scan", ...yearRange(lastYear, timeZone) },
      { name: "report four weeks vs one aggregate scan", from: fourWeeks.from, to: fourWeeks.to, target: 0.2 },
    ];
    const scan = () => db.$queryRaw`SELECT count(*), sum(coalesce(ms_played, 0)) FROM plays WHERE user_id = ${userId}`;
    for (const range of ranges) {
      const filter: StatsFilter = { userId, from: range.from, to: range.to, timeZone, limit: 10, now };
      // Baseline and figure alternate per range so both see the same machine state.
      const baseline = await timeMedian(scan);
      const value = await timeMedian(() => getReport(db, filter));
      options.emit(compared("stats", range.name, value, "ms", baseline, range.target));
    }
    // Issue 16: the all-time artist report of the listener's top artist against one straight
    // aggregate over that artist's streams (the same count and ms the report's totals give).
    const allTime: StatsFilter = { userId, from: null, to: null, timeZone, limit: 10, now };
    const [top] = await getTopArtists(db, { ...allTime, limit: 1 });
    const artistScan = () => db.$queryRaw`
      SELECT count(*), sum(COALESCE(p.ms_played, t.duration_ms, 0))
      FROM plays p JOIN tracks t ON t.id = p.track_id
      WHERE p.user_id = ${userId} AND p.track_id IN (SELECT ta.track_id FROM track_artists ta WHERE ta.artist_id = ${top.id})
        AND (p.ms_played IS NULL OR p.ms_played >= 30000)`;
    const artistBaseline = await timeMedian(artistScan);
    const artistReport = await timeMedian(() => getArtistReport(db, allTime, top.id));
    options.emit(compared("stats", `artist report all-time of the top artist (${top.streams} streams) vs one aggregate over its plays`, artistReport, "ms", artistBaseline, 1.5));
    // Trends (issue 17) against one aggregate of the plays of the 196 dates (R and B) they read.
    const weeks = trendWindows(now, timeZone).weeks;
    const [weeksFrom, weeksTo] = [startOfLocalDate(weeks.from, timeZone), startOfLocalDate(weeks.to, timeZone)];
    const weeksScan = () =>
      db.$queryRaw`SELECT count(*), sum(coalesce(ms_played, 0)) FROM plays WHERE user_id = ${userId} AND played_at >= ${weeksFrom} AND played_at < ${weeksTo}`;
    const trendsBaseline = await timeMedian(weeksScan);
    const trendsValue = await timeMedian(() => getTrends(db, { userId, timeZone, now, limit: 10 }));
    options.emit(compared("stats", "trends report vs one aggregate scan of its 196 days", trendsValue, "ms", trendsBaseline, 1.5));
    // For context: the same all-time report in a zone the rollups were not built in (raw plays).
    const rawFilter: StatsFilter = { userId, from: null, to: null, timeZone: timeZone === "UTC" ? "Asia/Tokyo" : "UTC", limit: 10, now };
    const started = performance.now();
    await getReport(db, rawFilter);
    const rawMs = performance.now() - started;
    options.emit(compared("stats", "report all-time from raw plays (zone without rollups), one run", rawMs, "ms", await timeMedian(scan)));
  } finally {
    await db.$disconnect();
  }
}
