"use client";

import type { Heatmap } from "@/lib/stats/types";
import { formatCount } from "@/lib/format/numbers";
import { formatHourOfDay, weekdayNames } from "@/lib/format/dates";
import { useLocale } from "@/components/providers/AppProviders";

/** The hour-by-weekday heatmap as a real table: each cell's shade is its streams, its text the count. */
export function HeatmapTable({ heatmap }: { heatmap: Heatmap }) {
  const locale = useLocale();
  const days = weekdayNames(locale, "short");
  const longDays = weekdayNames(locale, "long");
  const max = Math.max(1, ...heatmap.flat());
  return (
    <section className="card">
      <h2 className="card-title" id="heatmap-title">
        When you listen
      </h2>
      <p className="muted small">Streams by weekday and local hour; darker is more.</p>
      <div className="heatmap-scroll" tabIndex={0} role="region" aria-labelledby="heatmap-title">
        <table className="heatmap" data-testid="heatmap">
          <caption className="sr-only">Streams per weekday (rows) and hour of day (columns)</caption>
          <thead>
            <tr>
              <td />
              {Array.from({ length: 24 }, (_, hour) => (
                <th key={hour} scope="col" className="heatmap-hour">
                  {hour % 3 === 0 ? formatHourOfDay(hour, locale) : <span className="sr-only">{formatHourOfDay(hour, locale)}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatmap.map((row, day) => (
              <tr key={day}>
                <th scope="row" className="heatmap-day">
                  <abbr title={longDays[day]}>{days[day]}</abbr>
                </th>
                {row.map((streams, hour) => {
                  const label = `${longDays[day]} ${formatHourOfDay(hour, locale)}: ${formatCount(streams, locale)} streams`;
                  return (
                    <td
                      key={hour}
                      title={label}
                      className="heatmap-cell"
                      style={{ "--level": streams === 0 ? 0 : 0.15 + 0.85 * (streams / max) } as React.CSSProperties}
                    >
                      <span className="sr-only">{formatCount(streams, locale)}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
