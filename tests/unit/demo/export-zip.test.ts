import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportFiles, EXPORT_FOLDER } from "@/lib/demo/export-zip";
import { demoListener, writeDemoExport } from "@/lib/demo/history";
import { exportTimestamp, type StreamingHistoryEntry } from "@/lib/demo/streaming-history";
import { classifyHistoryFile, DEFAULT_IMPORT_LIMITS } from "@/lib/import";
import { extendedEntrySchema } from "@/lib/import/entries";
import { openSources } from "@/lib/import/sources";
import { DEFAULT_SEED } from "@/lib/simulator";

const NOW = new Date("2026-03-15T12:00:00.000Z");
const FIELDS_IN_SPOTIFY_ORDER = [
  "ts", "platform", "ms_played", "conn_country", "ip_addr",
  "master_metadata_track_name", "master_metadata_album_artist_name", "master_metadata_album_album_name", "spotify_track_uri",
  "episode_name", "episode_show_name", "spotify_episode_uri",
  "audiobook_title", "audiobook_uri", "audiobook_chapter_uri", "audiobook_chapter_title",
  "reason_start", "reason_end", "shuffle", "skipped", "offline", "offline_timestamp", "incognito_mode",
];

let directory: string;
let zipPath: string;
let entryCount: number;
let files: Map<string, StreamingHistoryEntry[]>;

function readZip(file: string): Promise<Map<string, StreamingHistoryEntry[]>> {
  return new Promise((resolve, reject) => {
    const contents = new Map<string, StreamingHistoryEntry[]>();
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            contents.set(entry.fileName, JSON.parse(Buffer.concat(chunks).toString("utf8")) as StreamingHistoryEntry[]);
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(contents));
      zip.readEntry();
    });
  });
}

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), "encore-demo-export-"));
  zipPath = path.join(directory, "ada.zip");
  entryCount = await writeDemoExport({ seed: DEFAULT_SEED, listener: demoListener(), now: NOW, days: 365, zipPath });
  files = await readZip(zipPath);
});

afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

describe("the demo listener's export zip", () => {
  it("has Spotify's layout: extended streaming history files in their folder, named by years and a counter", () => {
    expect(files.size).toBeGreaterThan(0);
    [...files.keys()].forEach((name, index) => {
      expect(name).toMatch(new RegExp(`^${EXPORT_FOLDER}/Streaming_History_Audio_\\d{4}(-\\d{4})?_${index}\\.json$`));
      expect(classifyHistoryFile(name)).toBe("extended");
    });
    expect([...files.values()].reduce((sum, entries) => sum + entries.length, 0)).toBe(entryCount);
  });

  it("holds a believable year: thousands of plays, oldest first, within the 365 days before now", () => {
    const entries = [...files.values()].flat();
    expect(entries.length).toBeGreaterThan(3_000);
    const times = entries.map((entry) => Date.parse(entry.ts));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(NOW.getTime() - 365 * 86_400_000 - 1_000);
    expect(times[times.length - 1]).toBeLessThanOrEqual(NOW.getTime());
    const days = new Set(entries.map((entry) => entry.ts.slice(0, 10)));
    expect(days.size).toBeGreaterThan(300);
    const skips = entries.filter((entry) => entry.skipped).length / entries.length;
    expect(skips).toBeGreaterThan(0.02);
    expect(skips).toBeLessThan(0.2);
  });

  it("writes every entry with Spotify's field names in Spotify's order, and each one passes the importer's validation", () => {
    for (const [name, entries] of files) {
      entries.forEach((entry, index) => {
        expect(Object.keys(entry), `${name}[${index}]`).toEqual(FIELDS_IN_SPOTIFY_ORDER);
        const parsed = extendedEntrySchema.safeParse(entry);
        expect(parsed.success, `${name}[${index}]: ${parsed.error?.message}`).toBe(true);
      });
    }
  });

  it("uses the export's value shapes: whole-second UTC ts, track URIs, reasons that follow from skips", () => {
    const entries = [...files.values()].flat();
    for (const entry of entries) {
      expect(entry.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(entry.spotify_track_uri).toMatch(/^spotify:track:[0-9A-Za-z]{22}$/);
      expect(entry.master_metadata_track_name).toBeTruthy();
      expect(entry.master_metadata_album_artist_name).toBeTruthy();
      expect(entry.master_metadata_album_album_name).toBeTruthy();
      expect(entry.episode_name).toBeNull();
      expect(entry.skipped).toBe(entry.ms_played < 30_000);
      if (entry.skipped) expect(entry.reason_end).toBe("fwdbtn");
      expect(entry.conn_country).toBe("DE");
      expect(entry.incognito_mode).toBe(false);
    }
    expect(new Set(entries.map((entry) => entry.reason_start))).toEqual(new Set(["clickrow", "trackdone", "fwdbtn"]));
    expect(entries.some((entry) => entry.shuffle)).toBe(true);
    expect(entries.some((entry) => !entry.shuffle)).toBe(true);
  });

  it("is read by the importer as extended streaming history, within its limits", async () => {
    const sources = await openSources([zipPath], DEFAULT_IMPORT_LIMITS);
    try {
      expect(sources.files.map((file) => [file.name, file.kind])).toEqual([...files.keys()].map((name) => [name, "extended"]));
    } finally {
      sources.close();
    }
  });

  it("is the same for the same seed and time", async () => {
    const again = path.join(directory, "again.zip");
    await writeDemoExport({ seed: DEFAULT_SEED, listener: demoListener(), now: NOW, days: 365, zipPath: again });
    expect(fs.readFileSync(again).equals(fs.readFileSync(zipPath))).toBe(true);
  });
});

describe("export files", () => {
  const entry = (ts: string) => ({ ts }) as StreamingHistoryEntry;

  it("are cut at the entry limit and named by the years each one spans", () => {
    const entries = [entry("2024-12-30T10:00:00Z"), entry("2024-12-31T10:00:00Z"), entry("2025-01-01T10:00:00Z"), entry("2025-06-01T10:00:00Z"), entry("2025-07-01T10:00:00Z")];
    expect(exportFiles(entries, 2).map((file) => [file.name.split("/").pop(), file.entries.length])).toEqual([
      ["Streaming_History_Audio_2024_0.json", 2],
      ["Streaming_History_Audio_2025_1.json", 2],
      ["Streaming_History_Audio_2025_2.json", 1],
    ]);
    expect(exportFiles(entries, 3)[0].name).toBe(`${EXPORT_FOLDER}/Streaming_History_Audio_2024-2025_0.json`);
  });

  it("carry whole-second timestamps", () => {
    expect(exportTimestamp(new Date("2024-01-01T10:00:00.987Z"))).toBe("2024-01-01T10:00:00Z");
  });
});
