import { describe, expect, it } from "vitest";
import { dateTimeFormat, formatCalendarDate, formatNumber, numberFormat } from "@/lib/format/intl-cache";
import { formatHourOfDay, formatInstant, formatLocalDate, weekdayNames } from "@/lib/format/dates";
import { formatCount, formatDecimal, formatDuration, formatPercent } from "@/lib/format/numbers";

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

describe("remembered outputs", () => {
  it("writes what Intl writes for every value, the first time and every later time", () => {
    const whole = numberFormat("en-US", { maximumFractionDigits: 0 });
    const values = [0, -0, 1, -1, 0.5, 1234.5, 1e21, Number.NaN, Infinity, 12_345];
    for (let pass = 0; pass < 2; pass++) for (const value of values) expect(formatNumber(whole, value)).toBe(whole.format(value));
    expect(formatNumber(whole, 0)).toBe("0");
    expect(formatNumber(whole, -0)).toBe("-0");
    const utc = dateTimeFormat("de-DE", { dateStyle: "full", timeZone: "UTC" });
    for (let pass = 0; pass < 2; pass++) expect(formatCalendarDate(utc, "2024-02-29")).toBe(utc.format(new Date(Date.UTC(2024, 1, 29))));
  });

  it("keeps one formatter's outputs apart from another's, and stays right past its bound", () => {
    expect(formatCount(1234, "en-US")).toBe("1,234");
    expect(formatCount(1234, "de-DE")).toBe("1.234");
    expect(formatDecimal(1234, "en-US")).toBe("1,234");
    expect(formatPercent(0.5, "en-US", 0)).toBe("50%");
    expect(formatPercent(0.5, "en-US", 1)).toBe("50%");
    expect(formatPercent(0.125, "en-US", 0)).toBe("13%");
    expect(formatPercent(0.125, "en-US", 1)).toBe("12.5%");
    for (let value = 0; value < 10_000; value++) expect(formatCount(value, "en-US")).toBe(value.toLocaleString("en-US"));
    expect(formatLocalDate("2024-03-31", "en-US", { month: "short", year: "numeric" })).toBe("Mar 2024");
    expect(formatLocalDate("2024-03-31", "en-US")).toBe("Mar 31, 2024");
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
