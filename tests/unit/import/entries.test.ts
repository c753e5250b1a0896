import { describe, expect, it } from "vitest";
import { provisionalAlbumId, provisionalArtistId, provisionalTrackId, trackIdFromUri } from "@/lib/catalog";
import { classifyHistoryFile } from "@/lib/import";
import { accountEntrySchema, entryError, extendedEntrySchema, extendedTrack, timestampProblem } from "@/lib/import/entries";

describe("history files", () => {
  it("are recognised by name; every other file of an export is not read", () => {
    expect(classifyHistoryFile("Spotify Extended Streaming History/Streaming_History_Audio_2014-2016_0.json")).toBe("extended");
    expect(classifyHistoryFile("MyData/endsong_3.json")).toBe("extended");
    expect(classifyHistoryFile("Spotify Account Data/StreamingHistory_music_0.json")).toBe("account");
    expect(classifyHistoryFile("MyData/StreamingHistory1.json")).toBe("account");
    for (const other of ["Streaming_History_Video_2020.json", "StreamingHistory_podcast_0.json", "Userdata.json", "Payments.json", "ReadMeFirst.pdf"]) {
      expect(classifyHistoryFile(`x/${other}`)).toBeNull();
    }
  });
});

describe("entry validation", () => {
  const valid = { ts: "2024-01-01T10:00:00Z", ms_played: 1000, spotify_track_uri: "spotify:track:abc" };

  it("names the file, index, field and problem", () => {
    const bad = extendedEntrySchema.safeParse({ ...valid, ms_played: "12" });
    expect(entryError("Streaming_History_Audio_2024.json", 123, bad.error!).message).toBe("Streaming_History_Audio_2024.json[123]: ms_played: expected a number");
    const missing = extendedEntrySchema.safeParse({ ts: valid.ts });
    expect(entryError("a.json", 0, missing.error!).message).toBe("a.json[0]: ms_played: missing (expected a number)");
    const negative = extendedEntrySchema.safeParse({ ...valid, ms_played: -1 });
    expect(entryError("a.json", 1, negative.error!).message).toBe("a.json[1]: ms_played: expected at least 0");
    const uri = extendedEntrySchema.safeParse({ ...valid, spotify_track_uri: "spotify:episode:abc" });
    expect(entryError("a.json", 2, uri.error!).message).toBe("a.json[2]: spotify_track_uri: expected a spotify:track: or spotify:local: URI");
    const time = accountEntrySchema.safeParse({ endTime: "2024-01-01T10:00", artistName: "a", trackName: "b", msPlayed: 1 });
    expect(entryError("b.json", 3, time.error!).message).toBe("b.json[3]: endTime: expected a time as YYYY-MM-DD HH:mm");
    expect(entryError("c.json", 4, extendedEntrySchema.safeParse(null).error!).message).toBe("c.json[4]: expected an object");
  });

  it("refuses a date only when ts is before 2008 or in the future; offline_timestamp is never read", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(timestampProblem(Date.parse("2024-01-01T00:00:00Z"), now)).toBeNull();
    expect(timestampProblem(Date.parse("2008-01-01T00:00:00Z"), now)).toBeNull();
    expect(timestampProblem(now, now)).toBeNull();
    expect(timestampProblem(Date.parse("2007-12-31T23:59:59Z"), now)).toBe("before2008");
    expect(timestampProblem(Date.parse("2026-01-01T00:00:01Z"), now)).toBe("future");
    // 0 (most online plays), milliseconds (older files), seconds later than ts (newer files), a string, absent: all the same play.
    for (const offline_timestamp of [0, 1704067200000, 1704070000, "soon", undefined]) {
      const parsed = extendedEntrySchema.parse({ ...valid, offline_timestamp });
      expect(parsed).not.toHaveProperty("offline_timestamp");
      expect(extendedTrack(parsed)).toEqual({ trackId: "abc" });
    }
  });
});

describe("extended-history entries of every export version", () => {
  const older = {
    ts: "2014-06-01T10:00:00Z", username: "someone", platform: "Android OS 4.4.2 API 19 (samsung, GT-I9505)", ms_played: 1000, conn_country: "ZZ",
    ip_addr_decrypted: "192.0.2.1", user_agent_decrypted: "unknown", master_metadata_track_name: "Café  ", master_metadata_album_artist_name: "Ｂａｎｄ",
    master_metadata_album_album_name: "L’album", spotify_track_uri: "spotify:track:abc", episode_name: null, episode_show_name: null, spotify_episode_uri: null,
    reason_start: "", reason_end: "", shuffle: false, skipped: null, offline: null, offline_timestamp: 1401616800000,
  };
  const newer = {
    ts: "2025-06-01T10:00:00Z", platform: "android", ms_played: 490, conn_country: "SE", ip_addr: "2001:db8::1", master_metadata_track_name: "Song",
    master_metadata_album_artist_name: "Artist", master_metadata_album_album_name: "Album", spotify_track_uri: "spotify:track:def", episode_name: null,
    episode_show_name: null, spotify_episode_uri: null, audiobook_title: null, audiobook_uri: null, audiobook_chapter_uri: null, audiobook_chapter_title: null,
    reason_start: "clickrow", reason_end: "endplay", shuffle: true, skipped: true, offline: false, offline_timestamp: 0, incognito_mode: false,
  };

  it("are read whatever other fields are present or absent, names kept exactly as given", () => {
    const a = extendedEntrySchema.parse(older);
    expect(a).toMatchObject({ master_metadata_track_name: "Café  ", master_metadata_album_artist_name: "Ｂａｎｄ", master_metadata_album_album_name: "L’album", reason_start: "", skipped: null, offline: null, conn_country: "ZZ" });
    expect(a).not.toHaveProperty("username");
    expect(extendedTrack(extendedEntrySchema.parse(newer))).toEqual({ trackId: "def" });
    // Only ts and ms_played are required: a row with every other field absent is read (and names nothing).
    expect(extendedTrack(extendedEntrySchema.parse({ ts: newer.ts, ms_played: 0 }))).toEqual({ skip: "noTrack" });
  });

  it("say why an entry names no track: episode, audiobook, local file, nothing at all", () => {
    const track = (fields: Record<string, unknown>) => extendedTrack(extendedEntrySchema.parse({ ...newer, spotify_track_uri: null, master_metadata_track_name: null, ...fields }));
    expect(track({ spotify_episode_uri: "spotify:episode:5m2bT0ZBYxMaS7TQjzO0vC", episode_name: "Ep. 1" })).toEqual({ skip: "episode" });
    expect(track({ audiobook_uri: "spotify:audiobook:7iHfbu1YPACw6oZPAFJtqe", audiobook_chapter_uri: "spotify:chapter:0D5wENdkdwbqlrHoaJ9g29" })).toEqual({ skip: "audiobook" });
    expect(track({ audiobook_chapter_uri: "spotify:chapter:0D5wENdkdwbqlrHoaJ9g29" })).toEqual({ skip: "audiobook" });
    expect(track({ spotify_track_uri: "spotify:local:Band:Album:Title:215", master_metadata_track_name: "Title" })).toEqual({ skip: "localFile" });
    expect(track({})).toEqual({ skip: "noTrack" });
    expect(track({ spotify_track_uri: "", spotify_episode_uri: "", audiobook_uri: "" })).toEqual({ skip: "noTrack" });
    const allNull = Object.fromEntries(Object.keys(newer).filter((key) => key !== "ts" && key !== "ms_played").map((key) => [key, null]));
    expect(track(allNull)).toEqual({ skip: "noTrack" });
  });
});

describe("provisional ids", () => {
  it("are stable, case- and space-insensitive, and distinct per kind and name", () => {
    expect(provisionalArtistId("Daft Punk")).toBe(provisionalArtistId(" daft PUNK "));
    expect(provisionalArtistId("Daft Punk")).toMatch(/^local:[A-Za-z0-9_-]{22}$/);
    expect(provisionalAlbumId("Discovery", "Daft Punk")).not.toBe(provisionalAlbumId("Discovery", "Other"));
    expect(provisionalTrackId("A", "B")).not.toBe(provisionalTrackId("AB", ""));
    expect(provisionalTrackId("A", "B")).not.toBe(provisionalAlbumId("B", "A"));
    expect(trackIdFromUri("spotify:track:4uLU6hMCjMI75M1A2tKUQC")).toBe("4uLU6hMCjMI75M1A2tKUQC");
    expect(trackIdFromUri("spotify:episode:4uLU6hMCjMI75M1A2tKUQC")).toBeNull();
  });
});
