"use client";

import { useMemo } from "react";
import { Area, CartesianGrid, ComposedChart, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/format/numbers";
import { formatLocalDate, MONTH_DAY } from "@/lib/format/dates";
import { scoreSeries, type DailySeries, type DayScore } from "@/lib/stats/day-scores";
import type { LocalDate } from "@/lib/stats/types";
import { useLocale } from "@/components/providers/AppProviders";
import { formatMinutesSpoken, unusualDaySentence } from "@/components/trends/trend-sentences";
import styles from "@/components/trends/trends.module.css";
import { GRID_PROPS, bottomAxisLabel, AXIS_PROPS } from "@/components/charts/chart-style";
import { FadeGradient } from "@/components/charts/FadeGradient";

type Point = { date: string; label: string; minutes: number; unusual: number | null; day: DayScore };

function DayTooltip({ active, payload, locale }: { active?: boolean; payload?: ReadonlyArray<{ payload?: Point }>; locale: string }) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  const { day } = point;
  return (
    <div className={styles.tooltip} data-testid="timeline-tooltip">
      <strong>{formatLocalDate(day.date, locale, { weekday: "short", month: "short", day: "numeric", year: "numeric" })}</strong>
      <span>{formatMinutesSpoken(day.minutes, locale)} listened</span>
      {day.baselineMedian !== null && <span className="muted">Usually {formatMinutesSpoken(day.baselineMedian, locale)} a day</span>}
      {day.unusual && <span className={styles.tooltipWhy}>Unusual: {unusualDaySentence(day, locale)}</span>}
    </div>
  );
}

/**
 * The timeline itself, drawn in the browser only: it scores the daily series with the report's
 * own code (lib/stats/day-scores.ts), so each day's minutes, usual amount and z are the report's.
 */
export default function UnusualDaysChart({ series, firstPlayDate, height }: { series: DailySeries; firstPlayDate: LocalDate | null; height: number }) {
  const locale = useLocale();
  const points = useMemo<Point[]>(
    () =>
      scoreSeries(series, firstPlayDate).map((day) => ({
        date: day.date,
        label: formatLocalDate(day.date, locale, MONTH_DAY),
        minutes: day.minutes,
        unusual: day.unusual ? day.minutes : null,
        day,
      })),
    [series, firstPlayDate, locale],
  );
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={points} margin={{ top: 12, right: 12, bottom: 24, left: 8 }}>
        <defs>
          <FadeGradient id="unusual-fill" color="var(--chart-2)" opacity={0.45} />
        </defs>
        <CartesianGrid {...GRID_PROPS} />
        <XAxis
          dataKey="label"
          {...AXIS_PROPS}
          minTickGap={28}
          label={bottomAxisLabel("Day")}
        />
        <YAxis
          {...AXIS_PROPS}
          width={56}
          tickFormatter={(value: number) => formatCount(value, locale)}
          label={{ value: "Minutes", angle: -90, position: "insideLeft", fill: "var(--text-muted)", fontSize: 12 }}
        />
        <Tooltip content={(props) => <DayTooltip active={props.active} payload={props.payload as ReadonlyArray<{ payload?: Point }>} locale={locale} />} />
        <Area type="linear" dataKey="minutes" stroke="var(--chart-2)" strokeWidth={1.5} fill="url(#unusual-fill)" isAnimationActive={false} />
        <Scatter dataKey="unusual" fill="var(--chart-3)" stroke="var(--bg)" strokeWidth={1.5} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
