/**
 * While `npm run demo` runs, its simulators are Spotify and MusicBrainz: the demo records their
 * URLs and the client in .data/demo/spotify.json (with its pid), so that `npm run ingest` in
 * another terminal talks to them as the demo's own rounds do. Variables set in the environment
 * win; the record of a demo that is gone is ignored.
 */
import fs from "node:fs";
import path from "node:path";
import { dataRoot } from "@/lib/db/embedded";
import { isProcessAlive } from "./processes";

const SPOTIFY_VARIABLES = ["SPOTIFY_ACCOUNTS_URL", "SPOTIFY_API_URL", "SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET"] as const;
type DemoSpotify = { demoPid: number; env: Record<(typeof SPOTIFY_VARIABLES)[number], string>; musicBrainz?: { MUSICBRAINZ_URL: string } };

const recordFile = () => path.join(dataRoot(), "demo", "spotify.json");

export function recordDemoSpotify(env: DemoSpotify["env"], musicBrainz?: DemoSpotify["musicBrainz"]): void {
  fs.mkdirSync(path.dirname(recordFile()), { recursive: true });
  fs.writeFileSync(recordFile(), JSON.stringify({ demoPid: process.pid, env, musicBrainz } satisfies DemoSpotify), { mode: 0o600 });
}

export function forgetDemoSpotify(): void {
  fs.rmSync(recordFile(), { force: true });
}

/** Points this process at a running demo's simulator, unless Spotify is configured; true when it did. */
export function useRunningDemoSpotify(): boolean {
  if (SPOTIFY_VARIABLES.some((name) => process.env[name])) return false;
  let record: DemoSpotify;
  try {
    record = JSON.parse(fs.readFileSync(recordFile(), "utf8")) as DemoSpotify;
  } catch {
    return false;
  }
  if (!isProcessAlive(record.demoPid)) return false;
  for (const name of SPOTIFY_VARIABLES) process.env[name] = record.env[name];
  // Its genres too, unless MusicBrainz is configured here.
  if (record.musicBrainz && !process.env.MUSICBRAINZ_URL) process.env.MUSICBRAINZ_URL = record.musicBrainz.MUSICBRAINZ_URL;
  return true;
}
