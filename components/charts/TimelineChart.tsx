"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, minutesOf } from "@/lib/format/numbers";
import { formatLocalDate, MONTH_YEAR, MONTH_DAY } from "@/lib/format/dates";
import { useLocale } from "@/components/providers/AppProviders";
import { ChartFigure } from "@/components/charts/ChartFigure";
import type { TimelineSeries } from "@/components/charts/timeline-series";
import { CHART_MARGIN, GRID_PROPS, TOOLTIP_CONTENT_STYLE, bottomAxisLabel, AXIS_PROPS } from "@/components/charts/chart-style";
import { FadeGradient } from "@/components/charts/FadeGradient";

const TIMELINE_HEIGHT = 260;

type Point = { key: string; label: string; minutes: number; streams: number };

function pointsOf(series: TimelineSeries, locale: string): Point[] {
  return series.points.map((point) => ({
    key: point.key,
    label:
      series.grain === "day"
        ? formatLocalDate(point.key, locale, MONTH_DAY)
        : formatLocalDate(`${point.key}-01`, locale, MONTH_YEAR),
    minutes: minutesOf(point.msListened),
    streams: point.streams,
  }));
}

/** Daily points for up to three months; longer ranges are summed by month so the chart stays legible. */
export function TimelineChart({ series }: { series: TimelineSeries }) {
  const locale = useLocale();
  const { grain } = series;
  const points = pointsOf(series, locale);
  const unit = grain === "day" ? "Day" : "Month";
  return (
    <ChartFigure
      height={TIMELINE_HEIGHT}
      title="Listening over time"
      description={`Minutes listened per ${grain}`}
      table={{
        caption: `Minutes and streams per ${grain}`,
        headers: [unit, "Minutes", "Streams"],
        rows: points.map((point) => [point.label, formatCount(point.minutes, locale), formatCount(point.streams, locale)]),
      }}
    >
      <ResponsiveContainer width="100%" height={TIMELINE_HEIGHT}>
        <AreaChart data={points} margin={CHART_MARGIN}>
          <defs>
            <FadeGradient id="timeline-fill" color="var(--chart-1)" opacity={0.5} />
          </defs>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis
            dataKey="label"
            {...AXIS_PROPS}
            minTickGap={24}
            label={bottomAxisLabel(unit)}
          />
          <YAxis
            {...AXIS_PROPS}
            width={56}
            tickFormatter={(value: number) => formatCount(value, locale)}
            label={{ value: "Minutes", angle: -90, position: "insideLeft", fill: "var(--text-muted)", fontSize: 12 }}
          />
          <Tooltip
            contentStyle={TOOLTIP_CONTENT_STYLE}
            formatter={(value) => [`${formatCount(Number(value), locale)} min`, "Listened"]}
          />
          <Area type="monotone" dataKey="minutes" stroke="var(--chart-1)" strokeWidth={2} fill="url(#timeline-fill)" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
