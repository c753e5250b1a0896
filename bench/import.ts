/**
 * Import benchmark (issue 6): 1,000,000 generated extended-history entries in ~80 files of one
 * zip, imported end to end into a fresh database by a child process (so its peak RSS is the
 * import's own), against PostgreSQL COPY of the same rows into an equivalent plays table. Issue
 * 20: the dry run (preview) of the same export, first, against that real import (target <= 1x).
 */
import { dropDatabase, recreateDatabase } from "@/lib/db/admin";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import yazl from "yazl";
import { deployMigrations } from "@/lib/db/migrate";
import { compared, round, type BenchOptions } from "./types";

const FULL_ENTRIES = 1_000_000;
const FULL_FILES = 80;
const CHILD_FLAG = "--import-bench-child";

/** Deterministic entry i of the generated history: ~20k tracks on ~4k albums by ~1.5k artists. */
function entry(i: number) {
  const hash = (Math.imul(i + 1, 2654435761) >>> 0) % 1_000_003;
  const track = hash % 20_000;
  const album = track % 4_000;
  const artist = album % 1_500;
  const ts = new Date(Date.UTC(2011, 0, 1) + i * 270_000).toISOString().replace(".000Z", "Z");
  return {
    ts,
    username: "bench-listener",
    platform: i % 3 === 0 ? "ios" : "android",
    ms_played: 30_000 + (hash % 200_000),
    conn_country: "DE",
    ip_addr_decrypted: "192.0.2.10",
    user_agent_decrypted: "unknown",
    master_metadata_track_name: `Track ${track}`,
    master_metadata_album_artist_name: `Artist ${artist}`,
    master_metadata_album_album_name: `Album ${album}`,
    spotify_track_uri: `spotify:track:${track.toString(36).padStart(22, "0")}`,
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    reason_start: "trackdone",
    reason_end: hash % 7 === 0 ? "fwdbtn" : "trackdone",
    shuffle: hash % 2 === 0,
    skipped: hash % 7 === 0,
    offline: false,
    offline_timestamp: Math.floor(Date.parse(ts) / 1000),
    incognito_mode: false,
  };
}

function* fileChunks(first: number, count: number): Generator<string> {
  yield "[\n";
  for (let i = first; i < first + count; i += 1) yield `${i === first ? "" : ",\n"}${JSON.stringify(entry(i))}`;
  yield "\n]\n";
}

async function generateZip(file: string, entries: number, files: number): Promise<void> {
  const zip = new yazl.ZipFile();
  const perFile = Math.ceil(entries / files);
  for (let f = 0, first = 0; first < entries; f += 1, first += perFile) {
    const count = Math.min(perFile, entries - first);
    zip.addReadStream(Readable.from(fileChunks(first, count)), `Spotify Extended Streaming History/Streaming_History_Audio_${2011 + Math.floor(f / 8)}_${f}.json`);
  }
  zip.end();
  const partial = `${file}.partial`;
  await pipeline(zip.outputStream, fs.createWriteStream(partial));
  fs.renameSync(partial, file);
}

type ChildResult = { seconds: number; maxRssMb: number; summary: Record<string, number> };

function runChild(url: string, userId: string, zip: string, mode: "import" | "dry-run"): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", __filename, CHILD_FLAG, url, userId, zip, mode], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (data: Buffer) => (out += data.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`import bench child exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}") as ChildResult);
    });
  });
}

/** COPY of the same rows into a table like plays (its indexes included): the baseline. */
async function copyBaseline(url: string, userId: string, entries: number): Promise<number> {
  const pieces: string[] = [];
  let piece = "";
  for (let i = 0; i < entries; i += 1) {
    const e = entry(i);
    const trackId = e.spotify_track_uri.slice("spotify:track:".length);
    piece += `${userId}\t${trackId}\t${e.ts}\t${e.ms_played}\texport_extended\t${e.reason_start}\t${e.reason_end}\t${e.shuffle ? "t" : "f"}\t${e.skipped ? "t" : "f"}\tf\t${e.platform}\t${e.conn_country}\n`;
    if (piece.length > 512 * 1024) {
      pieces.push(piece);
      piece = "";
    }
  }
  pieces.push(piece);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE TABLE bench_copy_plays (LIKE plays INCLUDING DEFAULTS INCLUDING INDEXES)");
    const started = performance.now();
    await client.query("BEGIN");
    await pipeline(
      Readable.from(pieces),
      client.query(
        copyFrom("COPY bench_copy_plays (user_id, track_id, played_at, ms_played, source, reason_start, reason_end, shuffle, skipped, offline, platform, country) FROM STDIN"),
      ),
    );
    await client.query("COMMIT");
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

export async function run(options: BenchOptions): Promise<void> {
  const entries = Math.max(1000, Math.round(FULL_ENTRIES * options.scale));
  const files = Math.max(1, Math.round(FULL_FILES * options.scale));
  const zip = path.join(options.cacheDir, `import-${entries}-${files}.zip`);
  if (!fs.existsSync(zip)) {
    console.error(`bench import: generating ${entries} entries in ${files} files (cached at ${zip})`);
    await generateZip(zip, entries, files);
  }

  const database = `encore_bench_import_${randomBytes(4).toString("hex")}`;
  const url = await recreateDatabase(options.serverUrl, database);
  try {
    await deployMigrations(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const userId = "bench-user";
    await client.query("INSERT INTO users (id, spotify_id, updated_at) VALUES ($1, $1, now())", [userId]);
    await client.end();

    // The dry run first, on the same empty listener the import then finds: it must leave nothing behind.
    const dryRun = await runChild(url, userId, zip, "dry-run");
    if (dryRun.summary.inserted !== entries) throw new Error(`bench dry run counted ${dryRun.summary.inserted} of ${entries} plays`);
    const child = await runChild(url, userId, zip, "import");
    if (child.summary.inserted !== entries) throw new Error(`bench import stored ${child.summary.inserted} of ${entries} plays`);
    const copySeconds = await copyBaseline(url, userId, entries);
    options.emit(compared("import", `import of ${entries} entries in ${files} files (zip) vs COPY of the same rows`, child.seconds, "s", copySeconds, 3));
    options.emit({ group: "import", name: "import throughput", value: round(entries / child.seconds), unit: "entries/s" });
    options.emit(compared("import", `dry run (preview) of the same ${entries} entries vs the real import`, dryRun.seconds, "s", child.seconds, 1));
    options.emit({ group: "import", name: "peak RSS of the import process", value: round(child.maxRssMb), unit: "MB", target: 300, ok: child.maxRssMb <= 300 });
  } finally {
    await dropDatabase(options.serverUrl, database);
  }
}

async function child(url: string, userId: string, zip: string, mode: string): Promise<void> {
  const { importSpotifyExport, previewSpotifyExport } = await import("@/lib/import");
  const started = performance.now();
  const options = { userId, inputs: [zip], databaseUrl: url, source: "bench" };
  const result = mode === "dry-run" ? await previewSpotifyExport(options) : await importSpotifyExport(options);
  const seconds = (performance.now() - started) / 1000;
  // resourceUsage().maxRSS is in kilobytes.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, maxRssMb, summary: result.summary }));
}

if (process.argv[2] === CHILD_FLAG) {
  child(process.argv[3], process.argv[4], process.argv[5], process.argv[6]).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
