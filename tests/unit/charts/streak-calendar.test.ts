/**
 * The streaks page's first view ships only the calendar's dates (components/charts/streak-calendar.ts):
 * the calendar drawn from them equals the one drawn from the range's whole timeline, for a last
 * date a day either side of the server's, on seeded multi-year timelines with gaps, and the
 * range's figures (first listening day, busiest date, listening days) match a plain count.
 */
import { describe, expect, it } from "vitest";
import { calendarLastDate, calendarLayout, streakCalendarData, streakCalendarOfReport, CALENDAR_WEEKS } from "@/components/charts/streak-calendar";
import { addDays, startOfLocalDate } from "@/lib/stats/local-time";
import { SeededRandom } from "@/lib/simulator/random";
import type { Report, TimelineEntry } from "@/lib/stats/types";

function randomTimeline(seed: number, first: string, days: number): TimelineEntry[] {
  const rng = new SeededRandom(`streak-calendar:${seed}`);
  const timeline: TimelineEntry[] = [];
  for (let index = 0; index < days; index++) {
    // Long silences, days of short plays only (0 streams), and busy days.
    if (rng.next() < 0.35) continue;
    const streams = rng.next() < 0.15 ? 0 : 1 + Math.floor(rng.next() * (rng.next() < 0.05 ? 200 : 30));
    timeline.push({ date: addDays(first, index), streams, msListened: streams * 180_000 });
  }
  return timeline;
}

describe("streaks calendar data", () => {
  it.each([0, 1, 2, 3, 4, 5])("draws the same calendar from the trimmed dates as from the whole timeline (seed %i)", (seed) => {
    const timeline = randomTimeline(seed, "2016-02-27", 3_700);
    const whole = streakCalendarData(timeline);
    // Every weekday of the last date (how far back to the Monday), around a leap day and the ends of the timeline.
    const throughs = ["2016-03-01", "2016-12-31", "2027-01-04", ...Array.from({ length: 14 }, (_, index) => addDays("2020-02-22", index))];
    for (const through of throughs) {
      const trimmed = streakCalendarData(timeline, through);
      expect(trimmed.days.length).toBeLessThanOrEqual(CALENDAR_WEEKS * 7 + 8);
      for (const lastDate of [addDays(through, -1), through, addDays(through, 1)]) {
        expect(calendarLayout(trimmed, lastDate)).toEqual(calendarLayout(whole, lastDate));
      }
    }
  });

  it("keeps the range's first listening day, busiest date and number of listening days", () => {
    const timeline = randomTimeline(7, "2019-12-30", 2_000);
    const listened = timeline.filter((entry) => entry.streams > 0);
    const data = streakCalendarData(timeline, "2021-06-30");
    expect(data.firstListened).toBe(listened[0].date);
    expect(data.maxStreams).toBe(Math.max(...listened.map((entry) => entry.streams)));
    expect(data.listeningDays).toBe(listened.length);
    expect(streakCalendarData([{ date: "2024-01-01", streams: 0, msListened: 10_000 }])).toEqual({
      days: [{ date: "2024-01-01", streams: 0 }],
      firstListened: null,
      maxStreams: 0,
      listeningDays: 0,
    });
  });

  it("lays out whole weeks from a Monday to the last date, at most 53 weeks, shaded against the busiest date", () => {
    const timeline: TimelineEntry[] = [
      { date: "2024-12-31", streams: 40, msListened: 1 },
      { date: "2025-03-05", streams: 10, msListened: 1 },
      { date: "2025-03-06", streams: 0, msListened: 1 },
      { date: "2025-03-07", streams: 1, msListened: 1 },
    ];
    const layout = calendarLayout(streakCalendarData(timeline), "2025-03-09");
    // 2024-12-31 is a Tuesday: the calendar starts on Monday 2024-12-30 and ends on Sunday 2025-03-09.
    expect(layout.first).toBe("2024-12-30");
    expect(layout.total).toBe(70);
    expect(layout.weeks).toHaveLength(10);
    expect(layout.listeningDays).toBe(3);
    const level = (date: string) => layout.weeks.flat().find((day) => day.date === date)?.level;
    expect([level("2024-12-31"), level("2025-03-05"), level("2025-03-06"), level("2025-03-07"), level("2025-03-08")]).toEqual([4, 1, 0, 1, 0]);
    // Listening long before: the last 53 weeks only, from a Monday.
    const long = calendarLayout(streakCalendarData([{ date: "2010-01-01", streams: 1, msListened: 1 }, ...timeline]), "2025-03-09");
    expect(long.total).toBeLessThanOrEqual(CALENDAR_WEEKS * 7 + 6);
    expect(long.total).toBeGreaterThan(CALENDAR_WEEKS * 7 - 1);
    expect(new Date(`${long.first}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it("ends a report's calendar on the range's last date, or today for ranges that end later or never", () => {
    const timeZone = "Pacific/Chatham";
    const timeline = randomTimeline(11, "2016-01-01", 4_000);
    const report = (to: string | null) =>
      ({ user: { spotifyId: "s", displayName: null, timeZone }, range: { from: null, to: to ? startOfLocalDate(to, timeZone).toISOString() : null }, timeline }) as unknown as Report;
    const now = new Date("2026-04-05T12:00:00.000Z"); // 2026-04-06 in Chatham
    expect(calendarLastDate(null, "2026-04-06")).toBe("2026-04-06");
    expect(calendarLastDate("2025-12-31", "2026-04-06")).toBe("2025-12-31");
    expect(calendarLastDate("2026-12-31", "2026-04-06")).toBe("2026-04-06");
    expect(streakCalendarOfReport(report(null), now)).toEqual(streakCalendarData(timeline, "2026-04-06"));
    expect(streakCalendarOfReport(report("2026-01-01"), now)).toEqual(streakCalendarData(timeline, "2025-12-31"));
    expect(streakCalendarOfReport(report("2027-01-01"), now)).toEqual(streakCalendarData(timeline, "2026-04-06"));
  });
});
