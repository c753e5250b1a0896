"use client";

import type { TimelineEntry } from "@/lib/stats/types";
import { addDays } from "@/lib/stats/local-time";
import { formatCount } from "@/lib/format/numbers";
import { formatLocalDate, weekdayNames } from "@/lib/format/dates";
import { useLocale } from "@/components/providers/AppProviders";

const MAX_WEEKS = 53;

function isoWeekday(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7; // Monday = 0
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Listening days like a contribution graph: one column per week (Monday on top), at most the
 * last 53 weeks of the range, shaded by streams.
 */
export function StreakCalendar({ timeline, lastDate }: { timeline: TimelineEntry[]; lastDate: string }) {
  const locale = useLocale();
  const streamsByDate = new Map(timeline.map((entry) => [entry.date, entry.streams]));
  const firstListened = timeline.find((entry) => entry.streams > 0)?.date ?? lastDate;
  const earliest = addDays(lastDate, -(MAX_WEEKS * 7 - 1));
  let first = firstListened > earliest ? firstListened : earliest;
  first = addDays(first, -isoWeekday(first)); // start on a Monday
  const total = daysBetween(first, lastDate) + 1;
  const dates = Array.from({ length: total }, (_, index) => addDays(first, index));
  const weeks: string[][] = [];
  for (let index = 0; index < dates.length; index += 7) weeks.push(dates.slice(index, index + 7));
  const max = Math.max(1, ...timeline.map((entry) => entry.streams));
  const listeningDays = dates.filter((date) => (streamsByDate.get(date) ?? 0) > 0).length;
  const days = weekdayNames(locale, "short");
  return (
    <section className="card">
      <h2 className="card-title">Listening days</h2>
      <p className="muted small">
        {formatCount(listeningDays, locale)} of {formatCount(total, locale)} days with at least one stream, {formatLocalDate(first, locale)} – {formatLocalDate(lastDate, locale)}
      </p>
      <div className="calendar-scroll" tabIndex={0} role="region" aria-label="Calendar of listening days">
        <div className="calendar" role="img" aria-label={`${listeningDays} listening days out of ${total}`}>
          <div className="calendar-weekdays" aria-hidden="true">
            {days.map((day, index) => (
              <span key={day}>{index % 2 === 0 ? day : ""}</span>
            ))}
          </div>
          {weeks.map((week) => (
            <div className="calendar-week" key={week[0]}>
              {week.map((date) => {
                const streams = streamsByDate.get(date) ?? 0;
                const level = streams === 0 ? 0 : Math.min(4, 1 + Math.floor((streams / max) * 3.999));
                return (
                  <span
                    key={date}
                    className={`calendar-day level-${level}`}
                    title={`${formatLocalDate(date, locale)}: ${formatCount(streams, locale)} streams`}
                  />
                );
              })}
            </div>
          ))}
        </div>
      </div>
      <div className="calendar-legend muted small" aria-hidden="true">
        Less <span className="calendar-day level-0" /> <span className="calendar-day level-1" /> <span className="calendar-day level-2" />{" "}
        <span className="calendar-day level-3" /> <span className="calendar-day level-4" /> More
      </div>
    </section>
  );
}
