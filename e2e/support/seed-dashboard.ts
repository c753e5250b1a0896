/**
 * Listening history for the dashboard's end-to-end tests, written straight into the E2E
 * database: a small catalogue (ids prefixed `e2e-`) and ~14 months of deterministic plays
 * ending today, so every range preset has data. Figures are checked against `npm run report`.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { e2eQuery } from "./database";

const SIM_URL = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4110}`;


/** A small seeded PRNG (mulberry32): the same history every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ARTISTS = [
  { id: "e2e-ar-aurora", name: "Aurora Fields", genres: ["dream pop", "indie"] },
  { id: "e2e-ar-basalt", name: "Basalt", genres: ["post-rock"] },
  { id: "e2e-ar-cyan", name: "Cyan Hours", genres: ["synthwave", "electronic"] },
  { id: "e2e-ar-delta", name: "Delta Nine & The Extraordinarily Long Named Orchestra of Late Night Radio", genres: ["jazz"] },
  { id: "e2e-ar-echo", name: "Échos", genres: ["chanson"] },
  { id: "e2e-ar-fern", name: "Fern", genres: [] },
];

type SeedTrack = { id: string; name: string; albumId: string; artists: string[]; durationMs: number };

function catalogue() {
  const albums = ARTISTS.map((artist, index) => ({ id: `e2e-al-${index}`, name: `${artist.name.split(" ")[0]} ${["Sessions", "Nights", "EP", "Live", "Vol. 2", "Demos"][index]}`, totalTracks: 4 + (index % 3), artistId: artist.id }));
  const tracks: SeedTrack[] = [];
  albums.forEach((album, albumIndex) => {
    // One track short of the full album for some albums, so completion varies.
    const recorded = albumIndex % 2 === 0 ? album.totalTracks : album.totalTracks - 1;
    for (let number = 1; number <= recorded; number++) {
      const featured = number === 2 ? [ARTISTS[(albumIndex + 1) % ARTISTS.length].id] : [];
      tracks.push({
        id: `e2e-tr-${albumIndex}-${number}`,
        name: number === 3 && albumIndex === 3 ? "An Unreasonably Long Song Title That Keeps Going Well Past Any Sensible Column Width" : `${album.name.split(" ")[0]} Song ${number}`,
        albumId: album.id,
        artists: [album.artistId, ...featured],
        durationMs: 150_000 + ((albumIndex * 7 + number * 13) % 9) * 15_000,
      });
    }
  });
  return { albums, tracks };
}

/** Seeds the listener's history (idempotent: plays are unique per user, track and instant). Returns the number of plays. */
export async function seedListeningHistory(spotifyId: string, now = new Date()): Promise<number> {
  const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = $1", [spotifyId]);
  if (!user) throw new Error(`sign ${spotifyId} in before seeding`);
  const { albums, tracks } = catalogue();
  for (const artist of ARTISTS) {
    await e2eQuery(
      `INSERT INTO artists (id, name, genres, image_url, details_fetched_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT (id) DO NOTHING`,
      [artist.id, artist.name, artist.genres, artist.id === "e2e-ar-fern" ? null : `${SIM_URL}/images/${artist.id}-64.svg`],
    );
  }
  for (const album of albums) {
    await e2eQuery(`INSERT INTO albums (id, name, total_tracks, image_url) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, [
      album.id,
      album.name,
      album.totalTracks,
      `${SIM_URL}/images/${album.id}-64.svg`,
    ]);
  }
  for (const track of tracks) {
    await e2eQuery(`INSERT INTO tracks (id, name, duration_ms, album_id, enriched_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT (id) DO NOTHING`, [
      track.id,
      track.name,
      track.durationMs,
      track.albumId,
    ]);
    for (const [position, artistId] of track.artists.entries()) {
      await e2eQuery(`INSERT INTO track_artists (track_id, position, artist_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [track.id, position, artistId]);
    }
  }

  const next = random(20260101);
  const playedAt: Date[] = [];
  const trackIds: string[] = [];
  const msPlayed: (number | null)[] = [];
  const sources: string[] = [];
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (let daysAgo = 430; daysAgo >= 0; daysAgo--) {
    if (next() < 0.22 && daysAgo > 3) continue; // a day off (but the last days are a streak)
    const sessions = 1 + Math.floor(next() * 2);
    for (let session = 0; session < sessions; session++) {
      let at = startOfToday - daysAgo * 86_400_000 + Math.floor((7 + next() * 14) * 3_600_000);
      const length = 3 + Math.floor(next() * 9);
      // Favourites: a skewed pick so rankings are stable and distinct.
      for (let index = 0; index < length; index++) {
        const track = tracks[Math.floor(Math.pow(next(), 1.8) * tracks.length)];
        if (at > now.getTime() - 60_000) break;
        const fromExport = daysAgo > 30;
        const skipped = fromExport && next() < 0.12;
        playedAt.push(new Date(at));
        trackIds.push(track.id);
        msPlayed.push(fromExport ? (skipped ? 5_000 + Math.floor(next() * 20_000) : track.durationMs) : null);
        sources.push(fromExport ? "export_extended" : "recently_played");
        at += (skipped ? 25_000 : track.durationMs) + Math.floor(next() * 20_000);
      }
    }
  }
  await e2eQuery(
    `INSERT INTO plays (user_id, track_id, played_at, ms_played, source)
     SELECT $1, t, p, m, s::play_source FROM unnest($2::text[], $3::timestamptz[], $4::int[], $5::text[]) AS x(t, p, m, s)
     ON CONFLICT (user_id, track_id, played_at) DO NOTHING`,
    [user.id, trackIds, playedAt, msPlayed, sources],
  );
  // Plays written behind the stats module's back: drop any rollups so reports read the plays themselves.
  await e2eQuery("DELETE FROM stats_rollup_state WHERE user_id = $1", [user.id]);
  return playedAt.length;
}

const run = promisify(execFile);

/** What `npm run report -- --user <id> --json ...` prints for the E2E database. */
export async function cliReport(spotifyId: string, args: string[]) {
  const { stdout } = await run("npx", ["tsx", "scripts/report.ts", "--user", spotifyId, "--json", ...args], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.slice(stdout.indexOf("{"))) as import("@/lib/stats/types").Report;
}
