/**
 * A dashboard page's first view keeps the report's sections it shows and sends the others empty
 * (components/dashboard/shape-report.ts); without sections, every one is kept (the overview).
 */
import { describe, expect, it } from "vitest";
import { shapeReport } from "@/components/dashboard/shape-report";
import type { Report } from "@/lib/stats/types";

const streak = { days: 3, start: "2025-03-01", end: "2025-03-03" };

const report: Report = {
  user: { spotifyId: "ada", displayName: "Ada", timeZone: "UTC" },
  range: { from: null, to: null },
  totals: { plays: 12, streams: 10, msListened: 1_800_000, uniqueTracks: 2, uniqueArtists: 2, uniqueAlbums: 1, newArtists: 2 },
  topArtists: [{ id: "ar1", name: "Artist", streams: 10, msListened: 1_800_000 }],
  topTracks: [{ id: "tr1", name: "Track", artists: ["Artist"], streams: 10, msListened: 1_800_000 }],
  topAlbums: [{ id: "al1", name: "Album", streams: 10, msListened: 1_800_000 }],
  topGenres: [{ name: "jazz", streams: 10, msListened: 1_800_000 }],
  streaks: { longest: streak, current: streak, artists: [{ id: "ar1", name: "Artist", days: 3, start: "2025-03-01", end: "2025-03-03" }] },
  albumCompletion: {
    completedAlbums: 0,
    meanCompletion: 0.5,
    albums: [{ id: "al1", name: "Album", distinctTracks: 1, totalTracks: 2, completion: 0.5, streams: 10 }],
  },
  sessions: { count: 1, meanPlays: 12, meanMs: 1_800_000, longest: null },
  heatmap: Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0)),
  skipRate: 0.1,
  timeline: [{ date: "2025-03-01", streams: 10, msListened: 1_800_000 }],
};

describe("shapeReport's sections", () => {
  it("a ranked page keeps its own list and the totals; the other lists, streak artists and completion albums are empty", () => {
    const shaped = shapeReport(report, "omitted", ["topTracks"]);
    expect(shaped.topTracks).toEqual(report.topTracks);
    expect(shaped.totals).toEqual(report.totals);
    expect([shaped.topArtists, shaped.topAlbums, shaped.topGenres, shaped.streaks.artists, shaped.albumCompletion.albums]).toEqual([[], [], [], [], []]);
    // What every page's header and empty states read stays whole.
    expect(shaped.streaks.longest).toEqual(streak);
    expect([shaped.sessions, shaped.heatmap, shaped.skipRate]).toEqual([report.sessions, report.heatmap, report.skipRate]);
  });

  it("the streaks and album completion pages keep theirs", () => {
    expect(shapeReport(report, "omitted", ["streaks"]).streaks).toEqual(report.streaks);
    expect(shapeReport(report, "omitted", ["albumCompletion"]).albumCompletion).toEqual(report.albumCompletion);
    expect(shapeReport(report, "omitted", ["streaks"]).albumCompletion.albums).toEqual([]);
  });

  it("without sections every one is kept (the overview)", () => {
    const shaped = shapeReport(report, "omitted");
    expect({ ...shaped, timeline: report.timeline }).toEqual(report);
  });
});
