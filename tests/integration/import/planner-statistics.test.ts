/**
 * A large import after a rolled-back preview of the same export: autovacuum then records the
 * plays table as empty over thousands of pages (the preview's rows are dead), and the rollup
 * rebuild planned on that took over 25 minutes for 1,000,000 plays. The import refreshes the
 * planner's statistics of what it wrote before the rebuild.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importSpotifyExport, previewSpotifyExport } from "@/lib/import";
import { useTestDatabase } from "../../helpers/test-database";

const NOW = new Date("2026-03-01T00:00:00Z");
const ENTRIES = 12_000;

const test = useTestDatabase();
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "encore-import-statistics-"));
});

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function exportFile(): string {
  const entries = Array.from({ length: ENTRIES }, (_, i) => {
    const track = i % 150;
    return {
      ts: new Date(Date.UTC(2024, 0, 1) + i * 240_000).toISOString().replace(".000Z", "Z"),
      platform: "android",
      ms_played: 180_000,
      conn_country: "SE",
      master_metadata_track_name: `Statistic ${track}`,
      master_metadata_album_artist_name: `Planner ${track % 20}`,
      master_metadata_album_album_name: `Estimates ${track % 40}`,
      spotify_track_uri: `spotify:track:${`stats${track}`.padEnd(22, "0")}`,
      spotify_episode_uri: null,
      reason_start: "trackdone",
      reason_end: "trackdone",
      shuffle: false,
      skipped: false,
      offline: false,
    };
  });
  const file = path.join(tmp, "Streaming_History_Audio_2024.json");
  fs.writeFileSync(file, JSON.stringify(entries));
  return file;
}

async function playsStatistics(): Promise<{ reltuples: number; relpages: number }> {
  const rows = await test.db.$queryRaw<{ reltuples: number; relpages: number }[]>`
    SELECT reltuples::float8 AS reltuples, relpages FROM pg_class WHERE oid = 'plays'::regclass`;
  return rows[0];
}

it("after a preview and a vacuum that leave plays looking empty, the import's rebuild plans on what it wrote", async () => {
  const user = await test.db.user.create({ data: { spotifyId: "planner-statistics" } });
  const file = exportFile();
  const preview = await previewSpotifyExport({ userId: user.id, inputs: [file], now: NOW });
  expect(preview.summary.inserted).toBe(ENTRIES);
  // What autovacuum does to the preview's dead rows while the import is writing (which keeps it
  // from truncating the table's empty pages).
  await test.db.$executeRawUnsafe("VACUUM (TRUNCATE false) plays");
  const trap = await playsStatistics();
  expect(trap.reltuples).toBe(0);
  expect(trap.relpages).toBeGreaterThan(0);

  const result = await importSpotifyExport({ userId: user.id, inputs: [file], now: NOW });
  expect(result.summary.inserted).toBe(ENTRIES);
  // The planner now knows the plays the import committed.
  expect((await playsStatistics()).reltuples).toBe(ENTRIES);
  const days = await test.db.$queryRaw<{ streams: bigint }[]>`SELECT sum(streams) AS streams FROM stats_days WHERE user_id = ${user.id}`;
  expect(Number(days[0].streams)).toBe(ENTRIES);
});
