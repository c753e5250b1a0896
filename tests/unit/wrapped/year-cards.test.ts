import { describe, expect, it } from "vitest";
import { yearCards } from "@/components/wrapped/year-cards";
import type { YearSummary } from "@/components/wrapped/year-summary";

const FULL: YearSummary = {
  year: 2025,
  msListened: 123_456_789,
  streams: 4_321,
  topArtist: { id: "artistAurora", name: "Aurora Fields", streams: 410 },
  topTrack: { id: "trackNightDrive", name: "Night Drive", artists: ["Aurora Fields", "Basalt"], streams: 57 },
  topGenre: { name: "dream pop", streams: 800 },
  longestStreak: { days: 23, start: "2025-02-01", end: "2025-02-23" },
  newArtists: 0,
  busiestHour: { hour: 21, streams: 512 },
};

const ids = (summary: YearSummary) => yearCards(summary, "en-US", "Europe/Berlin").map((card) => card.testId);

describe("the year in review's cards", () => {
  it("all seven, in order, when every figure is known (zero new artists is a known figure)", () => {
    expect(ids(FULL)).toEqual(["wrapped-minutes", "wrapped-top-artist", "wrapped-top-track", "wrapped-top-genre", "wrapped-longest-streak", "wrapped-new-artists", "wrapped-busiest-hour"]);
    const cards = yearCards(FULL, "en-US", "Europe/Berlin");
    expect(cards.find((card) => card.testId === "wrapped-top-genre")).toMatchObject({ value: "dream pop", big: "dream pop", sub: "800 streams." });
    expect(cards.find((card) => card.testId === "wrapped-new-artists")).toMatchObject({ value: 0, big: "0" });
    expect(cards.find((card) => card.testId === "wrapped-busiest-hour")?.sub).toBe("512 streams in this hour of the day (Europe/Berlin).");
  });

  it("leaves out a card whose figure is unknown, the others keeping their order, and never shows a placeholder", () => {
    const noGenre = { ...FULL, topGenre: null };
    expect(ids(noGenre)).toEqual(["wrapped-minutes", "wrapped-top-artist", "wrapped-top-track", "wrapped-longest-streak", "wrapped-new-artists", "wrapped-busiest-hour"]);
    const little = { ...FULL, topArtist: null, topTrack: null, topGenre: null, busiestHour: null, longestStreak: { days: 0, start: null, end: null } };
    expect(ids(little)).toEqual(["wrapped-minutes", "wrapped-new-artists"]);
    for (const card of yearCards(little, "en-US", "UTC")) expect(`${card.big} ${card.sub}`).not.toMatch(/—|undefined|null/);
  });
});
