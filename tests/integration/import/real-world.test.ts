/**
 * One hand-written export folder with every property of real exports at once (issue 15), imported
 * and compared play by play with the independent reference model of the rules.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionalArtistId, provisionalTrackId } from "@/lib/catalog";
import { importSpotifyExport } from "@/lib/import";
import { useTestDatabase } from "../../helpers/test-database";
import { comparable, readExportFolder, realWorldExport, storedPlays, writeExportFolder } from "./export-folder";
import { emptyState, referenceImport, type RefFile } from "./reference-import";

const NOW = new Date("2026-03-01T00:00:00Z");

const test = useTestDatabase();
let tmp: string;
let folder: string;
let files: RefFile[];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "encore-real-world-"));
  folder = realWorldExport(path.join(tmp, "my_spotify_data"));
  files = readExportFolder(folder);
});

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const EXTENDED_TRACK = (name: string) => `rw${name}`.padEnd(22, "0");

describe("an export folder with every property of real exports", () => {
  it("is read as the fixture intends: unsorted files, a 2026 file starting on 2025-12-31, one file capped at 10,000 entries, the rest passed over", () => {
    expect(files.map((file) => [file.name, file.kind, file.entries.length])).toEqual([
      [path.join("MyData", "StreamingHistory0.json"), "account", 3],
      [path.join("Spotify Account Data", "StreamingHistory_music_0.json"), "account", 10_000],
      [path.join("Spotify Account Data", "StreamingHistory_music_1.json"), "account", 28],
      [path.join("Spotify Extended Streaming History", "Streaming_History_Audio_2013-2016_0.json"), "extended", 10],
      [path.join("Spotify Extended Streaming History", "Streaming_History_Audio_2024-2025_1.json"), "extended", 11],
      [path.join("Spotify Extended Streaming History", "Streaming_History_Audio_2026_2.json"), "extended", 5],
    ]);
    const audio2026 = files[5].entries.map((entry) => entry.ts as string);
    expect(audio2026[0]).toBe("2025-12-31T23:59:30Z");
    expect([...audio2026].sort()).not.toEqual(audio2026);
    // One file minified on one line, others pretty-printed.
    const raw = (name: string) => fs.readFileSync(path.join(folder, "Spotify Extended Streaming History", name), "utf8");
    expect(raw("Streaming_History_Audio_2024-2025_1.json").split("\n")).toHaveLength(1);
    expect(raw("Streaming_History_Audio_2013-2016_0.json").split("\n").length).toBeGreaterThan(100);
    const zeroOffline = files.filter((file) => file.kind === "extended").flatMap((file) => file.entries).filter((entry) => entry.offline_timestamp === 0);
    expect(zeroOffline.length).toBe(14);
  });

  it("stores exactly the plays the rules give, with names as given; video, podcast and audiobook files are not read", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "real-world" } });
    const result = await importSpotifyExport({ userId: user.id, inputs: [folder], now: NOW });
    const state = emptyState();
    const expected = referenceImport(state, files, NOW.getTime());
    expect(result.summary).toEqual(expected);
    expect(comparable(await storedPlays(test.db, user.id))).toEqual(comparable(state.plays));

    // The facts the fixture was written for, stated by hand (so a wrong reference model fails too).
    expect(expected).toMatchObject({ files: 6, entries: 10_057 });
    expect(expected.reasons.skipped).toEqual({ episode: 2, audiobook: 1, localFile: 1, noTrack: 3, before2008: 1, future: 2 });
    const plays = await test.db.play.findMany({ where: { userId: user.id } });
    const at = (trackId: string, iso: string) => plays.filter((play) => play.trackId === trackId && play.playedAt.toISOString() === iso).map((play) => play.msPlayed);
    expect(at(EXTENDED_TRACK("EteIndien"), "2024-07-04T12:00:00.000Z")).toEqual([490]);
    expect(at(EXTENDED_TRACK("YearEnd"), "2025-12-31T23:59:30.000Z")).toEqual([95000]);
    expect(at(EXTENDED_TRACK("DontStop"), "2013-02-01T08:00:00.000Z")).toEqual([209000]);
    expect(at(provisionalTrackId("Account Artist 0", "Burst Song"), "2025-12-31T23:59:00.000Z")).toEqual([45000]);
    const burstOthers = plays.filter((play) => play.playedAt.toISOString() === "2025-12-31T23:59:00.000Z" && play.source === "export_account");
    expect(burstOthers).toHaveLength(6);
    // Account data that repeats the extended history of the same import is stored once (Queen, Sigur Rós).
    expect(plays.filter((play) => play.playedAt.toISOString().startsWith("2025-12-31T22:0"))).toHaveLength(1);
    // The older account file's podcast is imported as music: nothing tells it apart.
    expect(at(provisionalTrackId("The Daily", "Monday, Feb. 4, 2019"), "2019-02-03T11:00:00.000Z")).toEqual([1500000]);

    const track = async (id: string) => test.db.track.findUniqueOrThrow({ where: { id }, include: { album: true, artists: { include: { artist: true } } } });
    const spaces = await track(EXTENDED_TRACK("Spaces"));
    expect([spaces.name, spaces.album?.name, spaces.artists[0].artist.name]).toEqual(["  Leading and trailing  ", " Spaces ", "Double  Space Band"]);
    const fullwidth = await track(EXTENDED_TRACK("LoveSong"));
    expect([fullwidth.name, fullwidth.artists[0].artist.name]).toEqual(["Ｌｏｖｅ Ｓｏｎｇ", "ＡＢＣ"]);
    expect((await track(EXTENDED_TRACK("DontStop"))).name).toBe("Don’t Stop Me Now");
    const accountSpaces = await track(provisionalTrackId("The  Double  Spaces ", " Trailing Title "));
    expect([accountSpaces.name, accountSpaces.artists[0].artist.name]).toEqual([" Trailing Title ", "The  Double  Spaces "]);

    expect(await test.db.track.count({ where: { id: EXTENDED_TRACK("VideoOnly") } })).toBe(0);
    expect(await test.db.artist.count({ where: { id: { in: [provisionalArtistId("A Show"), provisionalArtistId("A Book")] } } })).toBe(0);
    expect(await test.db.play.count({ where: { userId: user.id, playedAt: new Date("2024-08-01T10:01:00Z") } })).toBe(0);
  });

  it("a re-import of an export whose offline_timestamp-0 plays were lost stores exactly those plays", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "lost-plays" } });
    // The old rule's effect: every extended entry with offline_timestamp 0 refused.
    const lostFiles = files.map((file) => (file.kind === "extended" ? { ...file, entries: file.entries.filter((entry) => entry.offline_timestamp !== 0) } : file));
    const lostFolder = writeExportFolder(path.join(tmp, "lost"), lostFiles);
    const first = await importSpotifyExport({ userId: user.id, inputs: [lostFolder], now: NOW });
    const state = emptyState();
    expect(first.summary).toEqual(referenceImport(state, readExportFolder(lostFolder), NOW.getTime()));
    const before = await storedPlays(test.db, user.id);
    expect(comparable(before)).toEqual(comparable(state.plays));

    const again = await importSpotifyExport({ userId: user.id, inputs: [folder], now: NOW });
    const expected = referenceImport(state, files, NOW.getTime());
    expect(again.summary).toEqual(expected);
    const after = await storedPlays(test.db, user.id);
    expect(comparable(after)).toEqual(comparable(state.plays));

    // What changed are plays of offline_timestamp-0 entries only: new rows, or account-data rows they took the place of.
    const lostKeys = new Set(
      files
        .filter((file) => file.kind === "extended")
        .flatMap((file) => file.entries)
        .filter((entry) => entry.offline_timestamp === 0)
        .map((entry) => `${(entry.spotify_track_uri as string | null)?.slice("spotify:track:".length)}@${Date.parse(entry.ts as string)}`),
    );
    const beforeById = new Map(before.map((play) => [play.id, play]));
    const added = after.filter((play) => !beforeById.has(play.id));
    const changed = after.filter((play) => beforeById.has(play.id) && JSON.stringify(comparable([play])) !== JSON.stringify(comparable([beforeById.get(play.id)!])));
    expect(added.length).toBe(again.summary.inserted);
    expect(added.length).toBeGreaterThan(0);
    for (const play of [...added, ...changed]) expect(lostKeys.has(`${play.trackId}@${play.playedAt}`), `${play.trackId} ${new Date(play.playedAt).toISOString()}`).toBe(true);
    expect(changed.map((play) => play.trackId)).toEqual([EXTENDED_TRACK("Hoppipolla")]);
    expect(after.length).toBe(before.length + added.length);
    expect(added.every((play) => play.importJobId === again.jobId)).toBe(true);

    const third = await importSpotifyExport({ userId: user.id, inputs: [folder], now: NOW });
    expect(third.summary.inserted).toBe(0);
    expect(await test.db.play.count({ where: { userId: user.id } })).toBe(after.length);
  });
});
