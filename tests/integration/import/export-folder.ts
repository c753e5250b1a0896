/**
 * Test helpers around export folders: the real-world fixture folder completed with its
 * 10,000-entry account-data file, reading a folder as the reference model's input, and the
 * user's stored plays in the reference model's shape.
 */
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import type { RefFile, RefPlay } from "./reference-import";

export const REAL_WORLD_FIXTURE = path.join(process.cwd(), "tests/fixtures/export/real-world");

/** Spotify caps an account-data file at 10,000 entries. */
export const ACCOUNT_FILE_CAP = 10_000;

/**
 * `StreamingHistory_music_0.json` of the real-world fixture: 10,000 entries, minified, one play
 * every 37 minutes from 2025-03-01, ending with five entries of the minute that
 * `StreamingHistory_music_1.json` goes on with (a burst spread over both files).
 */
export function generatedAccountFile(): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  const start = Date.UTC(2025, 2, 1);
  for (let i = 0; i < ACCOUNT_FILE_CAP - 5; i += 1) {
    const at = new Date(start + i * 37 * 60_000).toISOString();
    entries.push({ endTime: `${at.slice(0, 10)} ${at.slice(11, 16)}`, artistName: `Account Artist ${i % 7}`, trackName: `Generated Song ${i % 113}`, msPlayed: (i * 7919) % 300_000 });
  }
  for (const msPlayed of [500, 0, 3000, 0, 100]) entries.push({ endTime: "2025-12-31 23:59", artistName: "Account Artist 0", trackName: "Burst Song", msPlayed });
  return entries;
}

/** A copy of the real-world fixture folder under `target`, with its generated account-data file. */
export function realWorldExport(target: string): string {
  fs.cpSync(REAL_WORLD_FIXTURE, target, { recursive: true });
  fs.writeFileSync(path.join(target, "Spotify Account Data", "StreamingHistory_music_0.json"), JSON.stringify(generatedAccountFile()));
  return target;
}

function historyKind(fileName: string): RefFile["kind"] | null {
  if (/^Streaming_History_Audio_.*\.json$/.test(fileName) || /^endsong(_\d+)?\.json$/.test(fileName)) return "extended";
  if (/^StreamingHistory_music_\d+\.json$/.test(fileName) || /^StreamingHistory\d*\.json$/.test(fileName)) return "account";
  return null;
}

/** The folder's history files in the order an import reads them (names sorted, folder by folder). */
export function readExportFolder(folder: string): RefFile[] {
  const files: RefFile[] = [];
  const walk = (dir: string) => {
    const names = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of names) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      const kind = entry.isFile() ? historyKind(entry.name) : null;
      if (kind) files.push({ name: path.relative(folder, full), kind, entries: JSON.parse(fs.readFileSync(full, "utf8")) as Record<string, unknown>[] });
    }
  };
  walk(folder);
  return files;
}

/** Writes `files` (as read by readExportFolder) under `target`, keeping each file's layout. */
export function writeExportFolder(target: string, files: RefFile[]): string {
  for (const file of files) {
    const full = path.join(target, file.name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, JSON.stringify(file.entries));
  }
  return target;
}

export type StoredPlay = RefPlay & { id: bigint; importJobId: string | null };

export async function storedPlays(db: Db, userId: string): Promise<StoredPlay[]> {
  const plays = await db.play.findMany({ where: { userId }, orderBy: [{ playedAt: "asc" }, { trackId: "asc" }] });
  return plays.map((play) => ({
    id: play.id,
    importJobId: play.importJobId,
    trackId: play.trackId,
    playedAt: play.playedAt.getTime(),
    msPlayed: play.msPlayed,
    source: play.source,
    reasonStart: play.reasonStart,
    reasonEnd: play.reasonEnd,
    shuffle: play.shuffle,
    skipped: play.skipped,
    offline: play.offline,
    platform: play.platform,
    country: play.country,
    importNumber: null,
  }));
}

/** Plays in a comparable form: the stored fields only (no row ids), ordered by time then track. */
export function comparable(plays: readonly RefPlay[]) {
  return plays
    .map((play) => ({
      trackId: play.trackId,
      playedAt: play.playedAt,
      msPlayed: play.msPlayed,
      source: play.source,
      reasonStart: play.reasonStart,
      reasonEnd: play.reasonEnd,
      shuffle: play.shuffle,
      skipped: play.skipped,
      offline: play.offline,
      platform: play.platform,
      country: play.country,
    }))
    .sort((a, b) => a.playedAt - b.playedAt || (a.trackId < b.trackId ? -1 : a.trackId > b.trackId ? 1 : 0));
}
