import { describe, expect, it } from "vitest";
import { provisionalAlbumId, provisionalArtistId, provisionalTrackId, trackIdFromUri } from "@/lib/catalog";
import { classifyHistoryFile } from "@/lib/import";
import { accountEntrySchema, entryError, extendedEntrySchema, timestampProblem } from "@/lib/import/entries";

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

  it("reports timestamps that cannot be a real play", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(timestampProblem(Date.parse("2024-01-01T00:00:00Z"), now, 1704067200)).toBeNull();
    expect(timestampProblem(Date.parse("2024-01-01T00:00:00Z"), now, 0)).toMatch(/offline_timestamp is 0/);
    expect(timestampProblem(Date.parse("2007-12-31T23:59:59Z"), now)).toBe("before 2008");
    expect(timestampProblem(Date.parse("2026-01-01T00:00:01Z"), now)).toBe("in the future");
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
