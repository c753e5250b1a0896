import { describe, expect, it } from "vitest";
import { bucketSpans } from "@/lib/stats/buckets";
import { startOfLocalDate } from "@/lib/stats/local-time";
import { parseBound, parseRangeOptions, parseTimeZone, RangeArgumentError, resolveRangeQuery } from "@/lib/stats/range";

describe("range parsing", () => {
  it("dates are local midnights, instants keep their offset", () => {
    expect(parseBound("2025-03-09", "America/New_York").toISOString()).toBe("2025-03-09T05:00:00.000Z");
    expect(parseBound("2025-03-10", "America/New_York").toISOString()).toBe("2025-03-10T04:00:00.000Z");
    expect(parseBound("2025-05-02", "Asia/Kolkata").toISOString()).toBe("2025-05-01T18:30:00.000Z");
    expect(parseBound("2025-03-01T12:00:00+01:00", "UTC").toISOString()).toBe("2025-03-01T11:00:00.000Z");
    // Zones whose DST starts at midnight: the day starts at 01:00.
    expect(startOfLocalDate("2024-09-08", "America/Santiago").toISOString()).toBe("2024-09-08T04:00:00.000Z");
  });

  it("remembers starts of local dates per zone: asked again, the same instant, never another zone's", () => {
    const first = startOfLocalDate("2024-09-08", "America/Santiago");
    first.setTime(0); // a caller's change to its copy changes nothing remembered
    expect(startOfLocalDate("2024-09-08", "America/Santiago").toISOString()).toBe("2024-09-08T04:00:00.000Z");
    expect(startOfLocalDate("2024-09-08", "Asia/Tokyo").toISOString()).toBe("2024-09-07T15:00:00.000Z");
    expect(startOfLocalDate("2024-09-08", "UTC").toISOString()).toBe("2024-09-08T00:00:00.000Z");
    // Past the bound (10,000 kept), answers stay exact.
    for (let day = 0; day < 10_050; day++) startOfLocalDate(new Date(Date.UTC(1990, 0, 1 + day)).toISOString().slice(0, 10), "Europe/Berlin");
    expect(startOfLocalDate("2025-03-30", "Europe/Berlin").toISOString()).toBe("2025-03-29T23:00:00.000Z");
    expect(startOfLocalDate("2025-03-31", "Europe/Berlin").toISOString()).toBe("2025-03-30T22:00:00.000Z");
  });

  it("rejects what does not parse, with one-line messages", () => {
    for (const bad of ["2025-02-30", "2025-3-1", "2025-03-01T12:00:00", "tomorrow"]) {
      expect(() => parseBound(bad, "UTC")).toThrow(RangeArgumentError);
    }
    expect(() => parseTimeZone("Nowhere/Land")).toThrow(/unknown time zone/);
    expect(parseTimeZone("europe/berlin")).toBe("Europe/Berlin");
    // IANA names stay as given where ICU has an older alias of its own.
    expect(parseTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(parseTimeZone("Etc/UTC")).toBe("Etc/UTC");
    expect(() => parseRangeOptions({ year: "2025", to: "2025-01-01" }, "UTC")).toThrow(/--year/);
    expect(() => parseRangeOptions({ from: "2025-02-01", to: "2025-01-01" }, "UTC")).toThrow(/after/);
    expect(parseRangeOptions({ year: "2025" }, "Europe/Berlin")).toEqual({ from: new Date("2024-12-31T23:00:00Z"), to: new Date("2025-12-31T23:00:00Z") });
  });
});

describe("dashboard range presets", () => {
  const now = new Date("2025-08-31T02:00:00Z"); // Aug 30 22:00 in New York
  const zone = "America/New_York";
  it("4w is the last 28 local days including today; 6m starts on today's date six months ago", () => {
    expect(resolveRangeQuery({ range: "4w" }, now, zone)).toMatchObject({ fromDate: "2025-08-03", toDate: "2025-08-31", understood: true });
    expect(resolveRangeQuery({}, now, zone)).toMatchObject({ preset: "4w", fromDate: "2025-08-03" });
    expect(resolveRangeQuery({ range: "6m" }, now, zone)).toMatchObject({ fromDate: "2025-02-28", toDate: "2025-08-31" });
    expect(resolveRangeQuery({ range: "year" }, now, zone)).toMatchObject({ fromDate: "2025-01-01", toDate: "2026-01-01" });
    expect(resolveRangeQuery({ range: "lastyear" }, now, zone)).toMatchObject({ fromDate: "2024-01-01", toDate: "2025-01-01" });
    expect(resolveRangeQuery({ range: "all" }, now, zone)).toMatchObject({ from: null, to: null });
    expect(resolveRangeQuery({ range: "4w" }, now, zone).from?.toISOString()).toBe("2025-08-03T04:00:00.000Z");
  });
  it("from/to win over range; invalid values give the default with understood: false", () => {
    expect(resolveRangeQuery({ range: "all", from: "2025-01-01" }, now, zone)).toMatchObject({ preset: "custom", fromDate: "2025-01-01", to: null });
    expect(resolveRangeQuery({ to: "2025-01-01" }, now, zone)).toMatchObject({ from: null, toDate: "2025-01-01" });
    expect(resolveRangeQuery({ range: "forever" }, now, zone)).toMatchObject({ preset: "4w", understood: false });
    expect(resolveRangeQuery({ from: "2025-02-30" }, now, zone)).toMatchObject({ preset: "4w", understood: false });
  });
});

describe("rollup bucket spans", () => {
  it("tiles a range with the coarsest buckets", () => {
    expect(bucketSpans(null, null)).toEqual([{ grain: "a", from: null, to: null }]);
    expect(bucketSpans(null, "2025-03-01")).toEqual([{ grain: "y", from: null, to: "2025-01-01" }, { grain: "m", from: "2025-01-01", to: "2025-03-01" }]);
    expect(bucketSpans("2025-01-01", "2026-01-01")).toEqual([{ grain: "y", from: "2025-01-01", to: "2026-01-01" }]);
    expect(bucketSpans("2025-08-03", "2025-08-31")).toEqual([{ grain: "d", from: "2025-08-03", to: "2025-08-31" }]);
    expect(bucketSpans("2023-11-15", "2025-02-10")).toEqual([
      { grain: "d", from: "2023-11-15", to: "2023-12-01" },
      { grain: "m", from: "2023-12-01", to: "2024-01-01" },
      { grain: "y", from: "2024-01-01", to: "2025-01-01" },
      { grain: "m", from: "2025-01-01", to: "2025-02-01" },
      { grain: "d", from: "2025-02-01", to: "2025-02-10" },
    ]);
    expect(bucketSpans("2025-02-28", "2025-08-31")).toEqual([
      { grain: "d", from: "2025-02-28", to: "2025-03-01" },
      { grain: "m", from: "2025-03-01", to: "2025-08-01" },
      { grain: "d", from: "2025-08-01", to: "2025-08-31" },
    ]);
    expect(bucketSpans("2025-03-01", "2025-03-01")).toEqual([]);
  });
});
