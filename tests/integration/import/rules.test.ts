/** One small hand-written fixture per import rule of issue 15 (SPEC section 4). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionalTrackId } from "@/lib/catalog";
import { importSpotifyExport } from "@/lib/import";
import { useTestDatabase } from "../../helpers/test-database";

const NOW = new Date("2026-03-01T00:00:00Z");

const test = useTestDatabase();
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "encore-import-rules-"));
});

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function write(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

function entry(ts: string, track: string, extra: Record<string, unknown> = {}) {
  return {
    ts, platform: "android", ms_played: 180000, conn_country: "SE", master_metadata_track_name: `Song ${track}`, master_metadata_album_artist_name: "Rules Band",
    master_metadata_album_album_name: "Rules", spotify_track_uri: `spotify:track:${`rules${track}`.padEnd(22, "0")}`, reason_start: "trackdone",
    reason_end: "trackdone", shuffle: false, skipped: false, offline: false, ...extra,
  };
}

const id = (track: string) => `rules${track}`.padEnd(22, "0");

async function plays(userId: string) {
  const rows = await test.db.play.findMany({ where: { userId }, orderBy: [{ playedAt: "asc" }, { trackId: "asc" }] });
  return rows.map((play) => ({ trackId: play.trackId, playedAt: play.playedAt.toISOString(), msPlayed: play.msPlayed, source: play.source, platform: play.platform }));
}

describe("the import rules of real exports", () => {
  it("offline_timestamp never dates a play nor refuses it: 0, milliseconds, seconds later than ts, absent", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "rules-offline" } });
    const file = write("offline/Streaming_History_Audio_2024.json", [
      entry("2024-02-01T10:00:00Z", "A", { offline_timestamp: 0 }),
      entry("2014-02-01T10:00:00Z", "B", { offline_timestamp: 1391248000000 }),
      entry("2024-02-01T11:00:00Z", "C", { offline_timestamp: 1706790000 + 86_400 }),
      entry("2024-02-01T12:00:00Z", "D"),
    ]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [file], now: NOW });
    expect(result.summary).toMatchObject({ entries: 4, inserted: 4, duplicates: 0, skipped: 0 });
    expect(result.warnings).toEqual([]);
    expect((await plays(user.id)).map((play) => [play.trackId, play.playedAt])).toEqual([
      [id("B"), "2014-02-01T10:00:00.000Z"],
      [id("A"), "2024-02-01T10:00:00.000Z"],
      [id("C"), "2024-02-01T11:00:00.000Z"],
      [id("D"), "2024-02-01T12:00:00.000Z"],
    ]);
  });

  it("ts before 2008 or in the future is skipped and reported by file and index, and the import goes on", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "rules-dates" } });
    const file = write("dates/Streaming_History_Audio_2026.json", [
      entry("2007-12-31T23:59:59Z", "E"),
      entry("2008-01-01T00:00:00Z", "E"),
      entry("2026-03-01T00:00:00Z", "E"),
      entry("2026-03-01T00:00:01Z", "E"),
    ]);
    const account = write("dates/StreamingHistory_music_0.json", [
      { endTime: "2007-12-31 23:59", artistName: "Rules Band", trackName: "Old", msPlayed: 1 },
      { endTime: "2026-03-01 00:01", artistName: "Rules Band", trackName: "Later", msPlayed: 1 },
    ]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [file, account], now: NOW });
    expect(result.summary).toMatchObject({ entries: 6, inserted: 2, skipped: 4 });
    expect(result.warnings).toEqual([
      { file: "Streaming_History_Audio_2026.json", index: 0, message: "ts 2007-12-31T23:59:59Z: before 2008; not stored" },
      { file: "Streaming_History_Audio_2026.json", index: 3, message: "ts 2026-03-01T00:00:01Z: in the future; not stored" },
      { file: "StreamingHistory_music_0.json", index: 0, message: "endTime 2007-12-31 23:59: before 2008; not stored" },
      { file: "StreamingHistory_music_0.json", index: 1, message: "endTime 2026-03-01 00:01: in the future; not stored" },
    ]);
  });

  it("entries sharing a track and an instant are one play: the greatest ms_played, in one file or spread over two", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "rules-pairs" } });
    const first = write("pairs/Streaming_History_Audio_2024_0.json", [
      entry("2024-07-04T12:00:00Z", "F", { ms_played: 0, platform: "first" }),
      entry("2024-07-04T12:00:00Z", "F", { ms_played: 490, platform: "greatest" }),
      entry("2024-07-04T12:00:00Z", "F", { ms_played: 490, platform: "tie, later" }),
      entry("2025-12-31T23:59:30Z", "G", { ms_played: 1200, platform: "first file" }),
      // Same instant, another track: a play of its own.
      entry("2024-07-04T12:00:00Z", "H", { ms_played: 0 }),
    ]);
    const second = write("pairs/Streaming_History_Audio_2026_1.json", [entry("2025-12-31T23:59:30Z", "G", { ms_played: 95000, platform: "second file" })]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [first, second], now: NOW });
    expect(result.summary).toMatchObject({ entries: 6, inserted: 3, duplicates: 3, skipped: 0 });
    expect(await plays(user.id)).toEqual([
      { trackId: id("F"), playedAt: "2024-07-04T12:00:00.000Z", msPlayed: 490, source: "export_extended", platform: "greatest" },
      { trackId: id("H"), playedAt: "2024-07-04T12:00:00.000Z", msPlayed: 0, source: "export_extended", platform: "android" },
      { trackId: id("G"), playedAt: "2025-12-31T23:59:30.000Z", msPlayed: 95000, source: "export_extended", platform: "second file" },
    ]);
  });

  it("account data: the same artist, title and minute is one play (25 entries in a minute, over two files), greatest msPlayed", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "rules-account" } });
    const minute = "2025-06-01 20:15";
    const same = (msPlayed: number) => ({ endTime: minute, artistName: "Skipper", trackName: "Skipped Song", msPlayed });
    const music0 = write("account/StreamingHistory_music_0.json", [...[0, 300, 0, 1200, 0, 0, 800, 0, 50, 0].map(same), { endTime: minute, artistName: "Skipper", trackName: "Other Song", msPlayed: 10 }]);
    const music1 = write("account/StreamingHistory_music_1.json", [
      ...[0, 0, 2500, 0, 100, 0, 0, 700, 0, 0, 0, 0].map(same),
      { endTime: minute, artistName: "Skipper", trackName: "Other Song", msPlayed: 20 },
      { endTime: "2025-06-01 20:16", artistName: "Skipper", trackName: "Skipped Song", msPlayed: 0 },
      // Different in case and spacing only: the same song (one provisional track).
      { endTime: minute, artistName: "skipper ", trackName: "SKIPPED SONG", msPlayed: 2400 },
    ]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [music0, music1], now: NOW });
    expect(result.summary).toMatchObject({ entries: 26, inserted: 3, duplicates: 23, skipped: 0 });
    expect((await plays(user.id)).map((play) => [play.trackId, play.playedAt, play.msPlayed])).toEqual(
      [
        [provisionalTrackId("Skipper", "Skipped Song"), "2025-06-01T20:15:00.000Z", 2500],
        [provisionalTrackId("Skipper", "Other Song"), "2025-06-01T20:15:00.000Z", 20],
        [provisionalTrackId("Skipper", "Skipped Song"), "2025-06-01T20:16:00.000Z", 0],
      ].sort((a, b) => (a[1] === b[1] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : 1)),
    );
  });

  it("podcast and audiobook account files and video history are not read; an older StreamingHistory file's podcasts are music", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "rules-not-read" } });
    const folder = path.join(tmp, "not-read");
    write("not-read/Spotify Account Data/StreamingHistory_podcast_0.json", [{ endTime: "2025-06-01 08:00", podcastName: "Show", episodeName: "Ep", msPlayed: 1 }]);
    write("not-read/Spotify Account Data/StreamingHistory_audiobook_0.json", [{ endTime: "2025-06-01 08:00", audiobookName: "Book", chapterName: "One", msPlayed: 1 }]);
    write("not-read/Spotify Extended Streaming History/Streaming_History_Video_2025.json", [entry("2025-06-01T08:00:00Z", "V", { ms_played: 3000 })]);
    write("not-read/MyData/StreamingHistory0.json", [{ endTime: "2019-01-01 08:00", artistName: "A Podcast", trackName: "Episode 4", msPlayed: 1800000 }]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [folder], now: NOW });
    expect(result.summary).toMatchObject({ files: 1, entries: 1, inserted: 1 });
    expect((await plays(user.id)).map((play) => play.trackId)).toEqual([provisionalTrackId("A Podcast", "Episode 4")]);
  });

  it("the extended history imported after the account data takes the place of the same plays instead of counting them twice", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "rules-account-then-extended" } });
    const account = write("later/StreamingHistory_music_0.json", [
      { endTime: "2025-05-01 10:03", artistName: "rules band", trackName: "SONG J", msPlayed: 200000 },
      { endTime: "2025-05-01 10:10", artistName: "Rules Band", trackName: "Song K", msPlayed: 100000 },
      { endTime: "2025-05-01 10:20", artistName: "Somebody Else", trackName: "Song J", msPlayed: 100000 },
    ]);
    expect((await importSpotifyExport({ userId: user.id, inputs: [account], now: NOW })).summary.inserted).toBe(3);
    const extended = write("later/Streaming_History_Audio_2025.json", [
      entry("2025-05-01T10:03:40Z", "J", { ms_played: 200400 }),
      // 61 s away from the account play of Song K: another play.
      entry("2025-05-01T10:11:01Z", "K"),
      entry("2025-05-01T10:20:00Z", "J"),
    ]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [extended], now: NOW });
    expect(result.summary).toMatchObject({ entries: 3, inserted: 2, duplicates: 1 });
    expect(await plays(user.id)).toEqual([
      { trackId: id("J"), playedAt: "2025-05-01T10:03:40.000Z", msPlayed: 200400, source: "export_extended", platform: "android" },
      { trackId: provisionalTrackId("Rules Band", "Song K"), playedAt: "2025-05-01T10:10:00.000Z", msPlayed: 100000, source: "export_account", platform: null },
      { trackId: id("K"), playedAt: "2025-05-01T10:11:01.000Z", msPlayed: 180000, source: "export_extended", platform: "android" },
      { trackId: provisionalTrackId("Somebody Else", "Song J"), playedAt: "2025-05-01T10:20:00.000Z", msPlayed: 100000, source: "export_account", platform: null },
      { trackId: id("J"), playedAt: "2025-05-01T10:20:00.000Z", msPlayed: 180000, source: "export_extended", platform: "android" },
    ]);
    // Both files again: nothing new, nothing lost.
    const again = await importSpotifyExport({ userId: user.id, inputs: [account, extended], now: NOW });
    expect(again.summary).toMatchObject({ inserted: 0, duplicates: 6 });
    expect(await test.db.play.count({ where: { userId: user.id } })).toBe(5);
  });
});
