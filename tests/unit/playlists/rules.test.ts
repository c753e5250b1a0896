import { describe, expect, it } from "vitest";
import { playlistIntervalMs } from "@/lib/playlists/due-users";
import { missingPlaylistScopes } from "@/lib/playlists/scopes";
import { NO_PLAYS, skipRateOf, suggestionFor } from "@/lib/playlists/suggestions";

const NOW = new Date("2026-06-01T00:00:00.000Z");
const DAY = 86_400_000;

describe("playlist rules", () => {
  it("suggests often-skipped before rarely-played, and nothing for a recent, streamed or young entry", () => {
    const skipped = { ...NO_PLAYS, knownPlays365d: 5, shortPlays365d: 3 };
    expect(suggestionFor(skipped, null, NOW)).toBe("often-skipped");
    expect(suggestionFor({ ...skipped, shortPlays365d: 2 }, null, NOW)).toBe("rarely-played");
    expect(suggestionFor({ ...skipped, shortPlays365d: 2, streams90d: 1 }, null, NOW)).toBeNull();
    expect(suggestionFor(NO_PLAYS, new Date(NOW.getTime() - 60 * DAY), NOW)).toBe("rarely-played");
    expect(suggestionFor(NO_PLAYS, new Date(NOW.getTime() - 60 * DAY + 1), NOW)).toBeNull();
    expect(skipRateOf(NO_PLAYS)).toBeNull();
    expect(skipRateOf(skipped)).toBe(0.6);
  });

  it("reads PLAYLIST_INTERVAL_HOURS, with 24 hours by default and for a value that is not a number", () => {
    expect(playlistIntervalMs({})).toBe(24 * 3_600_000);
    expect(playlistIntervalMs({ PLAYLIST_INTERVAL_HOURS: "6" })).toBe(6 * 3_600_000);
    expect(playlistIntervalMs({ PLAYLIST_INTERVAL_HOURS: "0.5" })).toBe(1_800_000);
    expect(playlistIntervalMs({ PLAYLIST_INTERVAL_HOURS: "daily" })).toBe(24 * 3_600_000);
  });

  it("names the playlist scopes an authorisation lacks", () => {
    expect(missingPlaylistScopes("user-read-recently-played playlist-read-private playlist-read-collaborative")).toEqual([]);
    expect(missingPlaylistScopes("user-read-recently-played  playlist-read-private")).toEqual(["playlist-read-collaborative"]);
    expect(missingPlaylistScopes("")).toEqual(["playlist-read-private", "playlist-read-collaborative"]);
  });
});
