/**
 * Issue 20: the summary's `reasons` (every reason counted on hand-written fixtures, each group
 * summing to its total) and the dry run that stores nothing in any table.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSpotifyExport, previewSpotifyExport, type ImportSummary } from "@/lib/import";
import { useTestDatabase } from "../../helpers/test-database";
import { readExportFolder } from "./export-folder";
import { emptyState, referenceImport, type RefPlay } from "./reference-import";

const NOW = new Date("2026-03-01T00:00:00Z");

const test = useTestDatabase();
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "encore-import-reasons-"));
  await test.db.artist.create({ data: { id: "reasonsArtist000000001", name: "Reasons Band" } });
  for (const name of ["RP", "Old"]) {
    await test.db.track.create({ data: { id: trackId(name), name: `Tune ${name}`, artists: { create: [{ position: 0, artistId: "reasonsArtist000000001" }] } } });
  }
});

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function write(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

const trackId = (name: string) => `reasons${name}`.padEnd(22, "0");

function entry(ts: string, track: string | null, extra: Record<string, unknown> = {}) {
  return {
    ts, platform: "ios", ms_played: 200000, conn_country: "NO", master_metadata_track_name: track && `Tune ${track}`, master_metadata_album_artist_name: track && "Reasons Band",
    master_metadata_album_album_name: track && "Why", spotify_track_uri: track && `spotify:track:${trackId(track)}`, spotify_episode_uri: null, audiobook_uri: null,
    audiobook_chapter_uri: null, reason_start: "clickrow", reason_end: "trackdone", shuffle: false, skipped: false, offline: false, offline_timestamp: 0, ...extra,
  };
}

function expectGroupsSum(summary: ImportSummary) {
  expect(Object.values(summary.reasons.skipped).reduce((a, b) => a + b, 0)).toBe(summary.skipped);
  expect(Object.values(summary.reasons.duplicates).reduce((a, b) => a + b, 0)).toBe(summary.duplicates);
  expect(summary.inserted + summary.duplicates + summary.skipped).toBe(summary.entries);
}

/** Every base table of the database with its row count (not only plays). */
async function everyTableCount(): Promise<Record<string, number>> {
  const tables = await test.db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const rows = await test.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    counts[name] = Number(rows[0].n);
  }
  return counts;
}

/** An export folder in which every reason happens at least once, with its user's earlier plays. */
async function everyReasonExport(spotifyId: string, fresh: string) {
  const user = await test.db.user.create({ data: { spotifyId } });
  // Stored before: a recently-played play (no ms) and a play of an earlier import.
  const rp = await test.db.play.create({ data: { userId: user.id, trackId: trackId("RP"), playedAt: new Date("2025-04-01T12:00:05Z"), source: "recently_played" } });
  await test.db.play.create({ data: { userId: user.id, trackId: trackId("Old"), playedAt: new Date("2025-04-02T12:00:00Z"), msPlayed: 100000, source: "export_extended" } });
  const folder = path.join(tmp, spotifyId);
  write(`${spotifyId}/Spotify Extended Streaming History/Streaming_History_Audio_2025.json`, [
    entry("2025-04-01T12:00:00Z", "RP", { ms_played: 123000 }), // merged into the recently-played play
    entry("2025-04-02T12:00:04Z", "Old"), // already stored
    entry("2025-04-03T08:00:00Z", fresh, { ms_played: 0 }),
    entry("2025-04-03T08:00:00Z", fresh, { ms_played: 490 }), // same track and instant: one play
    entry("2025-04-03T09:00:00Z", null, { spotify_episode_uri: "spotify:episode:reasonsEpisode0000001" }),
    entry("2025-04-03T09:30:00Z", null, { spotify_episode_uri: "spotify:episode:reasonsEpisode0000002" }),
    entry("2025-04-03T10:00:00Z", null, { audiobook_uri: "spotify:audiobook:reasonsBook000000001", audiobook_chapter_uri: "spotify:chapter:reasonsChapter000001" }),
    entry("2025-04-03T11:00:00Z", null, { spotify_track_uri: "spotify:local:Me:Demo:Song:100", master_metadata_track_name: "Song" }),
    entry("2025-04-03T12:00:00Z", null),
    entry("2006-01-01T00:00:00Z", "Ancient"),
    entry("2026-06-01T00:00:00Z", "Later"),
  ]);
  write(`${spotifyId}/Spotify Account Data/StreamingHistory_music_0.json`, [
    { endTime: "2025-04-03 08:00", artistName: "Reasons Band", trackName: `Tune ${fresh}`, msPlayed: 490 }, // the same listening as the extended entry
    { endTime: "2025-04-05 10:00", artistName: "Account Only", trackName: `Minute Song ${fresh}`, msPlayed: 1000 },
    { endTime: "2025-04-05 10:00", artistName: "Account Only", trackName: `Minute Song ${fresh}`, msPlayed: 3000 }, // same minute
    { endTime: "2025-04-05 10:05", artistName: "", trackName: "", msPlayed: 0 },
  ]);
  return { user, folder, rp };
}

const EVERY_REASON = {
  files: 2,
  entries: 15,
  inserted: 2,
  duplicates: 5,
  skipped: 8,
  reasons: {
    skipped: { episode: 2, audiobook: 1, localFile: 1, noTrack: 2, before2008: 1, future: 1 },
    duplicates: { sameImport: 3, stored: 1, mergedIntoRecentlyPlayed: 1 },
  },
};

describe("the summary's reasons", () => {
  it("counts every reason; each group sums to its total; the job keeps them; the reference model agrees", async () => {
    const { user, folder, rp } = await everyReasonExport("every-reason", "New");
    const result = await importSpotifyExport({ userId: user.id, inputs: [folder], now: NOW });
    expect(result.summary).toEqual(EVERY_REASON);
    expectGroupsSum(result.summary);
    const job = await test.db.importJob.findUniqueOrThrow({ where: { id: result.jobId } });
    expect(job).toMatchObject({ inserted: 2, duplicates: 5, skipped: 8, reasons: EVERY_REASON.reasons });
    expect((await test.db.play.findUniqueOrThrow({ where: { id: rp.id } })).msPlayed).toBe(123000);

    const state = emptyState();
    const stored = (play: Partial<RefPlay> & Pick<RefPlay, "trackId" | "playedAt" | "source">): RefPlay => ({
      msPlayed: null, reasonStart: null, reasonEnd: null, shuffle: null, skipped: null, offline: null, platform: null, country: null, importNumber: null, ...play,
    });
    state.plays.push(stored({ trackId: trackId("RP"), playedAt: Date.parse("2025-04-01T12:00:05Z"), source: "recently_played" }));
    state.plays.push(stored({ trackId: trackId("Old"), playedAt: Date.parse("2025-04-02T12:00:00Z"), source: "export_extended", msPlayed: 100000 }));
    for (const id of ["RP", "Old"]) state.catalogue.set(trackId(id), { name: `Tune ${id}`, artists: ["Reasons Band"] });
    expect(referenceImport(state, readExportFolder(folder), NOW.getTime())).toEqual(EVERY_REASON);

    // Again: every play now stored; the repeats within the export are still that.
    const again = await importSpotifyExport({ userId: user.id, inputs: [folder], now: NOW });
    expect(again.summary.reasons.duplicates).toEqual({ sameImport: 2, stored: 5, mergedIntoRecentlyPlayed: 0 });
    expectGroupsSum(again.summary);
  });
});

describe("the dry run", () => {
  it("gives the import's summary and leaves every table's row count unchanged: no plays, no catalogue, no ImportJob, no enrichment queued", async () => {
    const { user, folder } = await everyReasonExport("dry-run", "Fresh");
    const before = await everyTableCount();
    expect(Object.keys(before).length).toBeGreaterThan(10);
    const preview = await previewSpotifyExport({ userId: user.id, inputs: [folder], now: NOW });
    expect(preview.summary).toEqual(EVERY_REASON);
    expect(preview.warningCount).toBe(2);
    expect(await everyTableCount()).toEqual(before);
    // The merged recently-played play is untouched.
    expect((await test.db.play.findFirstOrThrow({ where: { userId: user.id, source: "recently_played" } })).msPlayed).toBeNull();

    // The preview, then the import: the same numbers.
    const stages: string[] = [];
    const result = await importSpotifyExport({ userId: user.id, inputs: [folder], now: NOW, onProgress: (progress) => stages.push(progress.stage) });
    expect(result.summary).toEqual(preview.summary);
    expect(stages.at(-1)).toBe("done");
    const after = await everyTableCount();
    expect(after.plays).toBe(before.plays + 2);
    expect(after.import_jobs).toBe(before.import_jobs + 1);
    // New tracks: the extended history's (a Spotify id, queued for enrichment) and the account data's two songs.
    expect(after.enrichment_tasks).toBe(before.enrichment_tasks + 1);
    expect(after.tracks).toBe(before.tracks + 3);
  });

  it("fails as the import would, naming the file and entry, and still stores nothing", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "dry-run-bad" } });
    const bad = write("dry-bad/Streaming_History_Audio_2025.json", [entry("2025-01-01T00:00:00Z", "Fine"), { ts: "2025-01-01T00:05:00Z" }]);
    const before = await everyTableCount();
    await expect(previewSpotifyExport({ userId: user.id, inputs: [bad], now: NOW })).rejects.toThrow("Streaming_History_Audio_2025.json[1]: ms_played: missing (expected a number)");
    expect(await everyTableCount()).toEqual(before);
  });
});
