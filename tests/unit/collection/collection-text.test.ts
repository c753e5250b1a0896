import { describe, expect, it } from "vitest";
import { detailsText, detailsWhenText, readingPlaysText } from "@/components/collection/collection-text";
import { IDLE, pollIntervalMs, RECENT_PLAYS_READ, type CollectionStatus } from "@/lib/collection/types";
import { RECENTLY_PLAYED_MAX } from "@/lib/ingest/run";

const details = { tracks: 312, artists: 40, done: 120, pending: 232 };

describe("what pages say about the collection", () => {
  it("names the step and how far it got", () => {
    expect(RECENT_PLAYS_READ).toBe(RECENTLY_PLAYED_MAX);
    expect(readingPlaysText("en-US")).toBe("Reading your last 50 plays…");
    expect(detailsText(details, "en-US")).toBe("Details for 312 tracks and 40 artists: 120 done");
    expect(detailsText({ tracks: 1, artists: 0, done: 0, pending: 1 }, "en-US")).toBe("Details for 1 track: 0 done");
    expect(detailsText({ tracks: 1_204, artists: 1, done: 1_000, pending: 205 }, "de-DE")).toBe("Details for 1.204 tracks and 1 artist: 1.000 done");
  });

  it("says what the details wait for", () => {
    const base: CollectionStatus = { state: "details", running: false, details, resumesAt: null };
    expect(detailsWhenText({ ...base, running: true }, "en-US", "UTC")).toMatch(/^Encore is reading them from Spotify now/);
    expect(detailsWhenText(base, "en-US", "UTC")).toMatch(/^The rest are read with the next collection runs/);
    expect(detailsWhenText({ ...base, resumesAt: "2026-03-04T15:05:00.000Z" }, "en-US", "Europe/Berlin")).toBe("Spotify asked Encore to wait: reading resumes Mar 4, 2026, 4:05 PM.");
  });

  it("asks again often while a run works, now and then while details wait for one, never when done or paused", () => {
    expect(pollIntervalMs({ state: "plays", running: true, details: null, resumesAt: null })).toBe(2_000);
    expect(pollIntervalMs({ state: "details", running: true, details, resumesAt: null })).toBe(2_000);
    expect(pollIntervalMs({ state: "details", running: false, details, resumesAt: null })).toBe(10_000);
    expect(pollIntervalMs({ state: "details", running: false, details, resumesAt: "2026-03-04T15:05:00.000Z" })).toBe(false);
    expect(pollIntervalMs(IDLE)).toBe(false);
  });
});
