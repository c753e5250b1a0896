"use client";

import { formatCount } from "@/lib/format/numbers";
import { formatLocalDate, weekdayNames } from "@/lib/format/dates";
import { useLocale } from "@/components/providers/AppProviders";
import { calendarLayout, type StreakCalendarData } from "@/components/charts/streak-calendar";

/**
 * Listening days like a contribution graph: one column per week (Monday on top), at most the
 * last 53 weeks of the range, shaded by streams.
 */
export function StreakCalendar({ data, lastDate }: { data: StreakCalendarData; lastDate: string }) {
  const locale = useLocale();
  const { first, total, listeningDays, weeks } = calendarLayout(data, lastDate);
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
            <div className="calendar-week" key={week[0].date}>
              {week.map((day) => (
                <span
                  key={day.date}
                  className={`calendar-day level-${day.level}`}
                  title={`${formatLocalDate(day.date, locale)}: ${formatCount(day.streams, locale)} streams`}
                />
              ))}
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
