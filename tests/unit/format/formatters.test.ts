import { describe, expect, it } from "vitest";
import { dateTimeFormat, numberFormat } from "@/lib/format/intl-cache";
import { formatHourOfDay, formatInstant, formatLocalDate, weekdayNames } from "@/lib/format/dates";
import { formatDecimal, formatDuration, formatPercent } from "@/lib/format/numbers";

describe("cached Intl formatters", () => {
  it("returns the same formatter for the same locale and options, a new one otherwise", () => {
    const first = dateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
    expect(dateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" })).toBe(first);
    expect(dateTimeFormat("de-DE", { dateStyle: "medium", timeZone: "UTC" })).not.toBe(first);
    expect(numberFormat("en-US", { maximumFractionDigits: 1 })).toBe(numberFormat("en-US", { maximumFractionDigits: 1 }));
  });

  it("keeps formatting correctly once many distinct locales have filled the cache", () => {
    for (let index = 0; index < 1_200; index += 1) numberFormat(`en-x-p${index}`, { maximumFractionDigits: 0 });
    expect(formatDecimal(1234.56, "en-US")).toBe("1,234.6");
    expect(formatDecimal(1234.56, "de-DE")).toBe("1.234,6");
  });
});

describe("dates for display", () => {
  it("formats a local date as a calendar date, whatever the server's zone", () => {
    expect(formatLocalDate("2024-03-31", "en-US")).toBe("Mar 31, 2024");
    expect(formatLocalDate("2024-03-31", "de-DE")).toBe("31.03.2024");
  });

  it("formats an instant in the user's zone, hours and weekdays in the locale", () => {
    expect(formatInstant("2024-03-31T00:30:00Z", "en-GB", "Asia/Kolkata")).toBe("31 Mar 2024, 06:00");
    expect(formatHourOfDay(14, "en-US")).toBe("2 PM");
    expect(formatHourOfDay(14, "de-DE")).toBe("14 Uhr");
    expect(weekdayNames("en-US")).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
  });

  it("formats durations and shares", () => {
    expect(formatDuration(45_000, "en-US")).toBe("45 s");
    expect(formatDuration(3 * 3_600_000 + 25 * 60_000, "en-US")).toBe("3 h 25 min");
    expect(formatPercent(0.425, "en-US")).toBe("42.5%");
  });
});
