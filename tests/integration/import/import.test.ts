import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionalAlbumId, provisionalArtistId, provisionalTrackId } from "@/lib/catalog";
import { importSpotifyExport, ImportError } from "@/lib/import";
import { useTestDatabase } from "../../helpers/test-database";
import { declareUncompressedSize, renameInZip, zipEntries, zipFolder } from "./zip-helpers";

const FIXTURES = path.join(process.cwd(), "tests/fixtures/export");
const BASIC = path.join(FIXTURES, "basic");
const AUDIO = path.join(BASIC, "Spotify Extended Streaming History/Streaming_History_Audio_2024_0.json");
const ACCOUNT = path.join(BASIC, "Spotify Account Data/StreamingHistory_music_0.json");
const NOW = new Date("2026-01-01T00:00:00Z");

const test = useTestDatabase();
let tmp: string;

async function newUser(spotifyId: string) {
  return test.db.user.create({ data: { spotifyId } });
}

function extended(ts: string, uri: string, extra: Record<string, unknown> = {}) {
  return {
    ts, ms_played: 200000, spotify_track_uri: uri, master_metadata_track_name: "Song", master_metadata_album_artist_name: "Artist",
    master_metadata_album_album_name: "Album", reason_start: "clickrow", reason_end: "trackdone", shuffle: true, skipped: false,
    offline: false, offline_timestamp: 1700000000, platform: "linux", conn_country: "SE", ...extra,
  };
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

const TABLES = ["users", "tracks", "albums", "artists", "track_artists", "plays", "enrichment_tasks", "app_state", "ingest_runs"];

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const rows = await test.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

/** Runs a failing import and checks nothing of it was stored but its failed ImportJob row. */
async function expectRefused(userId: string, inputs: Parameters<typeof importSpotifyExport>[0]["inputs"], message: RegExp | string) {
  const before = await rowCounts();
  const jobsBefore = await test.db.importJob.count();
  const error = await importSpotifyExport({ userId, inputs, now: NOW }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  if (typeof message === "string") expect((error as Error).message).toContain(message);
  else expect((error as Error).message).toMatch(message);
  expect(await rowCounts()).toEqual(before);
  expect(await test.db.importJob.count()).toBe(jobsBefore + 1);
  const job = await test.db.importJob.findFirstOrThrow({ where: { userId }, orderBy: { startedAt: "desc" } });
  expect(job.status).toBe("failed");
  expect(job.error).toBe((error as Error).message);
  expect(await test.db.play.count({ where: { importJobId: job.id } })).toBe(0);
  return (error as Error).message;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "encore-import-"));
});

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("import of an export folder", () => {
  it("stores both formats, skips podcasts, reports bad timestamps, stores exact repeats once", async () => {
    const user = await newUser("folder-user");
    const progress: number[] = [];
    const result = await importSpotifyExport({ userId: user.id, inputs: [BASIC], now: NOW, onProgress: (p) => progress.push(p.bytesDone) });
    // Audio: 7 entries (1 podcast, 1 before 2008, 1 exact repeat; offline_timestamp 0 is an ordinary play); account: 3 (1 repeat).
    expect(result.summary).toEqual({
      files: 2, entries: 10, inserted: 6, duplicates: 2, skipped: 2,
      reasons: { skipped: { episode: 1, audiobook: 0, localFile: 0, noTrack: 0, before2008: 1, future: 0 }, duplicates: { sameImport: 2, stored: 0, mergedIntoRecentlyPlayed: 0 } },
    });
    expect(result.warnings).toEqual([
      { file: path.join("Spotify Extended Streaming History", "Streaming_History_Audio_2024_0.json"), index: 5, message: "ts 2007-06-01T10:00:00Z: before 2008; not stored" },
    ]);
    expect(progress.at(-1)).toBe(fs.statSync(AUDIO).size + fs.statSync(ACCOUNT).size);

    const job = await test.db.importJob.findUniqueOrThrow({ where: { id: result.jobId } });
    expect(job).toMatchObject({ status: "succeeded", files: 2, entries: 10, inserted: 6, duplicates: 2, skipped: 2, error: null, reasons: result.summary.reasons });
    expect(job.warnings).toMatchObject({ count: 1 });

    const plays = await test.db.play.findMany({ where: { userId: user.id }, orderBy: { playedAt: "asc" } });
    expect(plays.map((p) => [p.trackId, p.playedAt.toISOString(), p.msPlayed, p.source])).toEqual([
      ["4uLU6hMCjMI75M1A2tKUQC", "2024-03-01T08:00:00.000Z", 212000, "export_extended"],
      ["7ouMYWpwJ422jRcDASZB7P", "2024-03-01T08:04:00.000Z", 15000, "export_extended"],
      ["0VjIjW4GlUZAMYd2vXMi3b", "2024-03-01T10:00:00.000Z", 200000, "export_extended"],
      ["0VjIjW4GlUZAMYd2vXMi3b", "2024-03-02T21:15:30.000Z", 250000, "export_extended"],
      [provisionalTrackId("Daft Punk", "One More Time"), "2024-04-01T18:00:00.000Z", 320000, "export_account"],
      [provisionalTrackId("Daft Punk", "Aerodynamic"), "2024-04-01T18:05:00.000Z", 212000, "export_account"],
    ]);
    expect(plays[1]).toMatchObject({ reasonEnd: "fwdbtn", skipped: true, shuffle: false, platform: "android", country: "DE", importJobId: result.jobId });

    const track = await test.db.track.findUniqueOrThrow({ where: { id: "7ouMYWpwJ422jRcDASZB7P" }, include: { album: true, artists: { include: { artist: true } } } });
    expect(track).toMatchObject({ name: "Knights of Cydonia", durationMs: null, enrichedAt: null });
    expect(track.album).toMatchObject({ id: provisionalAlbumId("Black Holes and Revelations", "Muse"), name: "Black Holes and Revelations", artistName: "Muse", totalTracks: null });
    expect(track.artists.map((a) => [a.position, a.artist.id, a.artist.name])).toEqual([[0, provisionalArtistId("Muse"), "Muse"]]);
    const tasks = await test.db.enrichmentTask.findMany({ orderBy: { spotifyId: "asc" } });
    expect(tasks.map((t) => `${t.kind}:${t.spotifyId}`)).toEqual([
      "track:0VjIjW4GlUZAMYd2vXMi3b",
      "track:4uLU6hMCjMI75M1A2tKUQC",
      "track:7ouMYWpwJ422jRcDASZB7P",
    ]);
  });

  it("imports the zip as downloaded, and re-importing it adds nothing", async () => {
    const user = await newUser("zip-user");
    const zipPath = path.join(tmp, "my_spotify_data.zip");
    fs.writeFileSync(zipPath, await zipFolder(BASIC));
    const first = await importSpotifyExport({ userId: user.id, inputs: [zipPath], now: NOW });
    expect(first.summary).toMatchObject({ files: 2, entries: 10, inserted: 6, duplicates: 2, skipped: 2 });
    expect(first.warnings[0].file).toBe("Spotify Extended Streaming History/Streaming_History_Audio_2024_0.json");
    const again = await importSpotifyExport({ userId: user.id, inputs: [zipPath], now: NOW });
    expect(again.summary).toMatchObject({ files: 2, entries: 10, inserted: 0, duplicates: 8, skipped: 2 });
    expect(again.summary.reasons.duplicates).toEqual({ sameImport: 2, stored: 6, mergedIntoRecentlyPlayed: 0 });
    // The same export as files, and as an upload's bytes: still nothing new.
    const asFiles = await importSpotifyExport({ userId: user.id, inputs: [AUDIO, { name: "upload.zip", data: fs.readFileSync(zipPath) }], now: NOW });
    expect(asFiles.summary.inserted).toBe(0);
    expect(await test.db.play.count({ where: { userId: user.id } })).toBe(6);
  });

  it("counts local files (spotify:local: URIs, no Spotify id) as skipped, like podcasts", async () => {
    const user = await newUser("local-files-user");
    const file = writeJson("local-files/Streaming_History_Audio_2024.json", [
      extended("2024-02-01T10:00:00Z", "spotify:local:Some+Band:Demo+Tape:Track+One:215"),
      extended("2024-02-01T10:04:00Z", "spotify:track:trackLocal000000000001"),
    ]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [file], now: NOW });
    expect(result.summary).toMatchObject({ files: 1, entries: 2, inserted: 1, duplicates: 0, skipped: 1 });
    expect(result.warnings).toEqual([]);
    const plays = await test.db.play.findMany({ where: { userId: user.id } });
    expect(plays.map((p) => p.trackId)).toEqual(["trackLocal000000000001"]);
  });

  it("reads the older layout (MyData/endsong_*.json, StreamingHistory*.json)", async () => {
    const user = await newUser("older-user");
    const result = await importSpotifyExport({ userId: user.id, inputs: [path.join(FIXTURES, "older")], now: NOW });
    expect(result.summary).toMatchObject({ files: 2, entries: 2, inserted: 2, duplicates: 0, skipped: 0 });
    const plays = await test.db.play.findMany({ where: { userId: user.id }, orderBy: { playedAt: "asc" } });
    expect(plays.map((p) => [p.source, p.playedAt.toISOString()])).toEqual([
      ["export_extended", "2016-05-01T07:00:00.000Z"],
      ["export_account", "2019-02-03T10:20:00.000Z"],
    ]);
  });

  it("passes over the export's other files given with the history (profile, payments), unread", async () => {
    const user = await newUser("other-files-user");
    const userdata = writeJson("other-files/Userdata.json", { username: "someone", email: "someone@example.com" });
    const payments = writeJson("other-files/Payments.json", "not even JSON");
    const result = await importSpotifyExport({ userId: user.id, inputs: [userdata, AUDIO, payments], now: NOW });
    expect(result.summary).toMatchObject({ files: 1, entries: 7 });
    const job = await test.db.importJob.findUniqueOrThrow({ where: { id: result.jobId } });
    expect(JSON.stringify(job)).not.toContain("someone@example.com");
  });
});

describe("de-duplication against stored plays", () => {
  const T = Date.parse("2025-05-01T12:00:00Z");
  const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

  async function apiPlay(userId: string, trackId: string, at: number) {
    return test.db.play.create({ data: { userId, trackId, playedAt: new Date(at), source: "recently_played" } });
  }

  beforeAll(async () => {
    await test.db.artist.create({ data: { id: "artistReal000000000001", name: "The Band", detailsFetchedAt: new Date() } });
    await test.db.album.create({ data: { id: "albumReal0000000000001", name: "Real Album", totalTracks: 10 } });
    for (const id of ["trackA0000000000000001", "trackB0000000000000001", "trackC0000000000000001"]) {
      await test.db.track.create({
        data: { id, name: id === "trackC0000000000000001" ? "Hello World" : "Song", durationMs: 180000, albumId: "albumReal0000000000001", enrichedAt: new Date(), artists: { create: [{ position: 0, artistId: "artistReal000000000001" }] } },
      });
    }
  });

  it("merges within 10 s (inclusive), not at 10.001 s; the recently-played play keeps its time", async () => {
    const user = await newUser("dedupe-10s");
    const within = await apiPlay(user.id, "trackA0000000000000001", T);
    const beyond = await apiPlay(user.id, "trackB0000000000000001", T);
    const file = writeJson("dedupe-10s/Streaming_History_Audio_2025.json", [
      extended(iso(T + 10_000), "spotify:track:trackA0000000000000001", { ms_played: 123456, reason_start: "fwdbtn", platform: "web" }),
      extended(new Date(T + 10_001).toISOString(), "spotify:track:trackB0000000000000001"),
    ]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [file], now: NOW });
    expect(result.summary).toMatchObject({ files: 1, entries: 2, inserted: 1, duplicates: 1, skipped: 0 });
    const merged = await test.db.play.findUniqueOrThrow({ where: { id: within.id } });
    expect(merged).toMatchObject({ playedAt: new Date(T), msPlayed: 123456, reasonStart: "fwdbtn", reasonEnd: "trackdone", shuffle: true, skipped: false, offline: false, platform: "web", country: "SE", source: "recently_played" });
    expect(await test.db.play.count({ where: { userId: user.id, trackId: "trackB0000000000000001" } })).toBe(2);
    expect((await test.db.play.findUniqueOrThrow({ where: { id: beyond.id } })).msPlayed).toBeNull();
    // The known track keeps its real album and artists.
    const track = await test.db.track.findUniqueOrThrow({ where: { id: "trackA0000000000000001" }, include: { artists: true } });
    expect(track.albumId).toBe("albumReal0000000000001");
    expect(track.artists.map((a) => a.artistId)).toEqual(["artistReal000000000001"]);
  });

  it("takes the nearest stored play, the earlier on a tie", async () => {
    const user = await newUser("dedupe-nearest");
    const earlier = await apiPlay(user.id, "trackA0000000000000001", T - 8_000);
    const nearer = await apiPlay(user.id, "trackA0000000000000001", T + 6_000);
    const tieEarly = await apiPlay(user.id, "trackB0000000000000001", T - 5_000);
    const tieLate = await apiPlay(user.id, "trackB0000000000000001", T + 5_000);
    const file = writeJson("dedupe-nearest/Streaming_History_Audio_2025.json", [
      extended(iso(T), "spotify:track:trackA0000000000000001", { ms_played: 1111 }),
      extended(iso(T), "spotify:track:trackB0000000000000001", { ms_played: 2222 }),
    ]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [file], now: NOW });
    expect(result.summary).toMatchObject({ inserted: 0, duplicates: 2 });
    const ms = async (id: bigint) => (await test.db.play.findUniqueOrThrow({ where: { id } })).msPlayed;
    expect([await ms(earlier.id), await ms(nearer.id), await ms(tieEarly.id), await ms(tieLate.id)]).toEqual([null, 1111, 2222, null]);
  });

  it("matches account data by artist and title, case-insensitive, within 60 s", async () => {
    const user = await newUser("dedupe-account");
    const near = await apiPlay(user.id, "trackC0000000000000001", T + 50_000);
    await apiPlay(user.id, "trackC0000000000000001", T + 3_600_000 + 61_000);
    const file = writeJson("dedupe-account/StreamingHistory_music_0.json", [
      { endTime: "2025-05-01 12:00", artistName: "the band", trackName: "HELLO WORLD", msPlayed: 99000 },
      { endTime: "2025-05-01 13:00", artistName: "The Band", trackName: "Hello World", msPlayed: 98000 },
    ]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [file], now: NOW });
    expect(result.summary).toMatchObject({ files: 1, entries: 2, inserted: 1, duplicates: 1, skipped: 0 });
    expect((await test.db.play.findUniqueOrThrow({ where: { id: near.id } })).msPlayed).toBe(99000);
    const stored = await test.db.play.findFirstOrThrow({ where: { userId: user.id, source: "export_account" } });
    expect(stored.playedAt.toISOString()).toBe("2025-05-01T13:00:00.000Z");
  });

  it("stores once the same listening given in both formats in one import, by any credited artist", async () => {
    const user = await newUser("dedupe-both-formats");
    await test.db.artist.create({ data: { id: "artistGuest00000000001", name: "Guest Singer" } });
    await test.db.trackArtist.create({ data: { trackId: "trackC0000000000000001", position: 1, artistId: "artistGuest00000000001" } });
    // Account data comes first in the inputs; the extended history still wins (it names the track).
    const account = writeJson("dedupe-both/Spotify Account Data/StreamingHistory_music_0.json", [
      { endTime: "2025-06-01 09:30", artistName: "guest singer", trackName: "Hello World", msPlayed: 201000 },
      { endTime: "2025-06-01 10:30", artistName: "Somebody Else", trackName: "Hello World", msPlayed: 202000 },
    ]);
    const audio = writeJson("dedupe-both/Spotify Extended Streaming History/Streaming_History_Audio_2025.json", [
      extended("2025-06-01T09:30:20Z", "spotify:track:trackC0000000000000001", { ms_played: 200500 }),
    ]);
    const result = await importSpotifyExport({ userId: user.id, inputs: [account, audio], now: NOW });
    expect(result.summary).toMatchObject({ files: 2, entries: 3, inserted: 2, duplicates: 1, skipped: 0 });
    const plays = await test.db.play.findMany({ where: { userId: user.id }, orderBy: { playedAt: "asc" } });
    expect(plays.map((p) => [p.source, p.playedAt.toISOString(), p.msPlayed])).toEqual([
      ["export_extended", "2025-06-01T09:30:20.000Z", 200500],
      ["export_account", "2025-06-01T10:30:00.000Z", 202000],
    ]);
  });
});

describe("all or nothing, hostile inputs", () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await newUser("hostile-user")).id;
  });

  it("a malformed entry fails the whole import, naming the file and index", async () => {
    const good = writeJson("malformed/Streaming_History_Audio_2023.json", [extended("2023-01-01T00:00:00Z", "spotify:track:goodTrack0000000000001")]);
    const bad = writeJson("malformed/Streaming_History_Audio_2024.json", [
      extended("2024-01-01T00:00:00Z", "spotify:track:goodTrack0000000000002"),
      extended("2024-01-01T00:05:00Z", "spotify:track:goodTrack0000000000003"),
      extended("2024-01-01T00:10:00Z", "spotify:track:goodTrack0000000000004", { ms_played: "lots" }),
    ]);
    await expectRefused(userId, [good, bad], "Streaming_History_Audio_2024.json[2]: ms_played: expected a number");
    const missing = writeJson("malformed/StreamingHistory_music_0.json", [{ endTime: "2024-01-01 10:00", artistName: "A", msPlayed: 1 }]);
    await expectRefused(userId, [missing], "StreamingHistory_music_0.json[0]: trackName: missing (expected a string)");
    const notObject = writeJson("malformed/Streaming_History_Audio_2022.json", [5]);
    await expectRefused(userId, [notObject], "Streaming_History_Audio_2022.json[0]: expected an object");
  });

  it("refuses non-JSON, JSON that is not an array, deeply nested and truncated JSON", async () => {
    await expectRefused(userId, [writeJson("bad/Streaming_History_Audio_a.json", "hello, world")], /^Streaming_History_Audio_a\.json: not JSON/);
    await expectRefused(userId, [writeJson("bad/Streaming_History_Audio_b.json", { ts: "x" })], "Streaming_History_Audio_b.json: not a JSON array");
    await expectRefused(userId, [writeJson("bad/Streaming_History_Audio_c.json", `[${"[".repeat(100000)}${"]".repeat(100000)}]`)], "Streaming_History_Audio_c.json[0]: nested deeper than");
    await expectRefused(userId, [writeJson("bad/Streaming_History_Audio_d.json", JSON.stringify([extended("2024-01-01T00:00:00Z", "spotify:track:x")]).slice(0, 60))], "Streaming_History_Audio_d.json[0]: unexpected end of file inside this entry");
    const cut = `[${JSON.stringify(extended("2024-01-01T00:00:00Z", "spotify:track:x"))},`;
    await expectRefused(userId, [writeJson("bad/Streaming_History_Audio_e.json", cut)], "Streaming_History_Audio_e.json[1]: unexpected end of file after 1 entries, before the closing ]");
    await expectRefused(userId, [writeJson("bad/Streaming_History_Audio_e.json", '[{"ts": "2024-01-01T00:00:00Z", "ms_played": 1,}]')], "Streaming_History_Audio_e.json[0]: not valid JSON");
    await expectRefused(userId, [writeJson("bad/notes.json", [])], "notes.json: no streaming history file found (expected Streaming_History_Audio_*.json");
    await expectRefused(userId, [fs.mkdtempSync(path.join(tmp, "empty-"))], /^empty-\w+: no streaming history file found/);
    const others = ["a", "b", "c", "d", "e"].map((name) => writeJson(`bad/${name}.json`, []));
    await expectRefused(userId, others, /^a\.json, b\.json, c\.json and 2 more: no streaming history file found/);
  });

  it("refuses zip entries with .. or absolute paths", async () => {
    const entries = [{ name: "Spotify Extended Streaming History/Streaming_History_Audio_2024.json", data: JSON.stringify([extended("2024-01-01T00:00:00Z", "spotify:track:zipSlip000000000000001")]) }];
    const slip = renameInZip(await zipEntries([...entries, { name: "aa/aa/evil.json", data: "[]" }]), "aa/aa/evil.json", "../../evil.json");
    await expectRefused(userId, [{ name: "slip.zip", data: slip }], /slip\.zip: refused: an entry has an unsafe name \(invalid relative path: \.\.\/\.\.\/evil\.json\)/);
    const absolute = renameInZip(await zipEntries([...entries, { name: "xetc/passwd", data: "x" }]), "xetc/passwd", "/etc/passwd");
    await expectRefused(userId, [{ name: "absolute.zip", data: absolute }], "absolute.zip: refused: an entry has an unsafe name (absolute path: /etc/passwd)");
  });

  it("refuses entries that declare or inflate to more than the limit, and too many files", async () => {
    const json = JSON.stringify([extended("2024-01-01T00:00:00Z", "spotify:track:bigEntry00000000000001")]);
    const zip = await zipEntries([{ name: "Streaming_History_Audio_2024.json", data: json }]);
    const declared = declareUncompressedSize(zip, 100 * 1024 * 1024);
    await expectRefused(userId, [{ name: "declared.zip", data: declared }], "Streaming_History_Audio_2024.json: 100 MiB inflated, more than the limit of 64 MiB per file; refused");
    const lying = declareUncompressedSize(zip, 10);
    await expectRefused(userId, [{ name: "lying.zip", data: lying }], /Streaming_History_Audio_2024\.json: (cannot be read|inflates to more)/);
    const many = await zipEntries(Array.from({ length: 1001 }, (_, i) => ({ name: `Spotify Account Data/file_${i}.txt`, data: "x" })));
    await expectRefused(userId, [{ name: "many.zip", data: many }], "many.zip: 1001 entries, more than the limit of 1000 files; refused");
  });

  it("refuses a truncated zip", async () => {
    const zip = await zipFolder(BASIC);
    await expectRefused(userId, [{ name: "half.zip", data: zip.subarray(0, Math.floor(zip.length / 2)) }], /^half\.zip: not a readable zip file, or truncated/);
  });
});
