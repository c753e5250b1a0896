import { describe, expect, it } from "vitest";
import { fadingSentence, formatGap, rediscoverySentence, risingSentence, unusualDaySentence } from "@/components/trends/trend-sentences";
import { scoreDay } from "@/lib/stats/unusualDays";

describe("trend sentences", () => {
  it("say in plain words how long an artist was away", () => {
    expect(formatGap(180)).toBe("6 months");
    expect(formatGap(426)).toBe("14 months");
    expect(formatGap(730)).toBe("2 years");
    expect(formatGap(822)).toBe("2 years and 3 months");
    expect(rediscoverySentence({ id: "a", name: "A", recent: 1, lastBefore: "2024-01-03", gapDays: 426 }, "en-US")).toBe(
      "Back after 14 months: last played on Jan 3, 2024, 1 stream in the last four weeks.",
    );
  });

  it("compare the last four weeks with the 24 before, per four weeks", () => {
    expect(risingSentence({ id: "a", name: "A", recent: 12, baseline: 9, score: 13 / 2.5 }, "en-US")).toBe(
      "12 streams in the last four weeks, against about 1.5 per four weeks in the 24 weeks before.",
    );
    expect(risingSentence({ id: "a", name: "A", recent: 5, baseline: 0, score: 6 }, "en-US")).toBe("5 streams in the last four weeks, and none in the 24 weeks before.");
    expect(fadingSentence({ id: "a", name: "A", recent: 0, baseline: 60, score: 1 / 11 }, "en-US")).toBe("No streams in the last four weeks, after 10 per four weeks in the 24 weeks before.");
  });

  it("explain an unusual day by the usual amount and spread", () => {
    const floored = scoreDay(95 * 60_000, Array.from({ length: 28 }, () => 30 * 60_000));
    expect(unusualDaySentence({ minutes: 95, ...floored }, "en-US")).toBe(
      "1 h 35 min of listening, against a usual 30 min a day over the four weeks before: 1 h 5 min more, where your days usually vary by about 10 min.",
    );
    expect(unusualDaySentence({ minutes: 12, baselineMedian: null, z: null }, "en-US")).toBe("12 min of listening.");
  });
});
