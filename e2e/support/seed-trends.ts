/**
 * Plays that give the seeded dashboard listener (e2e/support/seed-dashboard.ts) something to show
 * on the trends page, relative to `now`: an artist new in the last four weeks (rising, with a
 * rising track), one steady through the 24 weeks before and silent since (fading), one back
 * after 14 months away (a rediscovery), and a five-hour day (an unusual day).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Trends } from "@/lib/stats/trend-types";
import { e2eQuery } from "./database";

const DAY = 86_400_000;

const ARTISTS = [
  { id: "e2e-ar-gale", name: "Gale Warning", track: { id: "e2e-tr-gale-1", name: "Storm Front", durationMs: 210_000 } },
  { id: "e2e-ar-hollow", name: "Hollow Pines", track: { id: "e2e-tr-hollow-1", name: "Evergreen", durationMs: 190_000 } },
  { id: "e2e-ar-ivy", name: "Ivy Lane", track: { id: "e2e-tr-ivy-1", name: "Second Spring", durationMs: 200_000 } },
];

export async function seedTrendingHistory(spotifyId: string, now: Date): Promise<void> {
  const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = $1", [spotifyId]);
  if (!user) throw new Error(`sign ${spotifyId} in before seeding`);
  for (const artist of ARTISTS) {
    await e2eQuery(`INSERT INTO artists (id, name, genres, details_fetched_at) VALUES ($1, $2, '{}', now()) ON CONFLICT (id) DO NOTHING`, [artist.id, artist.name]);
    await e2eQuery(`INSERT INTO tracks (id, name, duration_ms, enriched_at) VALUES ($1, $2, $3, now()) ON CONFLICT (id) DO NOTHING`, [
      artist.track.id,
      artist.track.name,
      artist.track.durationMs,
    ]);
    await e2eQuery(`INSERT INTO track_artists (track_id, position, artist_id) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`, [artist.track.id, artist.id]);
  }
  const plays: { trackId: string; at: number; ms: number }[] = [];
  const base = now.getTime() - 3 * 3_600_000; // a few hours before now, whatever its time of day
  // Gale Warning: two a day over the last 20 days, more in the last week.
  for (let day = 1; day <= 20; day++) for (let k = 0; k < (day <= 7 ? 4 : 2); k++) plays.push({ trackId: "e2e-tr-gale-1", at: base - day * DAY + k * 300_000, ms: 210_000 });
  // Hollow Pines: every other day from 190 to 40 days ago.
  for (let day = 40; day <= 190; day += 2) plays.push({ trackId: "e2e-tr-hollow-1", at: base - day * DAY, ms: 190_000 });
  // Ivy Lane: three plays 14 months ago, six in the last ten days.
  for (let k = 0; k < 3; k++) plays.push({ trackId: "e2e-tr-ivy-1", at: base - 425 * DAY + k * 240_000, ms: 200_000 });
  for (let day = 2; day <= 7; day++) plays.push({ trackId: "e2e-tr-ivy-1", at: base - day * DAY + 3_600_000, ms: 200_000 });
  // A five-hour day twelve days ago.
  for (let k = 0; k < 86; k++) plays.push({ trackId: "e2e-tr-gale-1", at: base - 12 * DAY - 6 * 3_600_000 + k * 210_000 + 1000, ms: 210_000 });
  await e2eQuery(
    `INSERT INTO plays (user_id, track_id, played_at, ms_played, source)
     SELECT $1, t, p, m, 'export_extended'::play_source FROM unnest($2::text[], $3::timestamptz[], $4::int[]) AS x(t, p, m)
     ON CONFLICT (user_id, track_id, played_at) DO NOTHING`,
    [user.id, plays.map((p) => p.trackId), plays.map((p) => new Date(p.at)), plays.map((p) => p.ms)],
  );
  // Written behind the stats module's back: drop any rollups so reports read the plays themselves.
  await e2eQuery("DELETE FROM stats_rollup_state WHERE user_id = $1", [user.id]);
}

const run = promisify(execFile);

/** What `npm run report -- --user <id> --trends --json ...` prints for the E2E database. */
export async function cliTrends(spotifyId: string, args: string[]): Promise<Trends> {
  const { stdout } = await run("npx", ["tsx", "scripts/report.ts", "--user", spotifyId, "--trends", "--json", ...args], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.slice(stdout.indexOf("{"))) as Trends;
}
