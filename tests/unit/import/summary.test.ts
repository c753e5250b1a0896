import { describe, expect, it } from "vitest";
import { describeSummary, emptyReasons, reasonLines, type ImportSummary } from "@/lib/import/summary";

describe("the summary in words", () => {
  const summary: ImportSummary = {
    files: 3,
    entries: 49_729,
    inserted: 48_210,
    duplicates: 1_203,
    skipped: 316,
    reasons: {
      skipped: { episode: 315, audiobook: 0, localFile: 1, noTrack: 0, before2008: 0, future: 0 },
      duplicates: { sameImport: 3, stored: 1_199, mergedIntoRecentlyPlayed: 1 },
    },
  };
  const format = (count: number) => count.toLocaleString("en-US");

  it("names every non-zero reason, singular or plural, already-here ones first", () => {
    expect(reasonLines(summary.reasons, format).map((line) => line.text)).toEqual([
      "3 repeats within the export",
      "1,199 plays already stored",
      "1 play merged into one from recently played",
      "315 podcast episodes",
      "1 local file (no Spotify id)",
    ]);
    expect(reasonLines(emptyReasons())).toEqual([]);
  });

  it("reads as the preview and as the result", () => {
    expect(describeSummary(summary, { preview: true, format })).toEqual([
      "49,729 entries in 3 files: this import will add 48,210 plays.",
      "1,203 already here: 3 repeats within the export, 1,199 plays already stored, 1 play merged into one from recently played.",
      "316 passed over: 315 podcast episodes, 1 local file (no Spotify id).",
    ]);
    const nothing = { files: 1, entries: 1, inserted: 1, duplicates: 0, skipped: 0, reasons: emptyReasons() };
    expect(describeSummary(nothing, { preview: false })).toEqual(["1 entry in 1 file: 1 play added."]);
  });
});
