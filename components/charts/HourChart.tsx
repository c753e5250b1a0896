"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Heatmap } from "@/lib/stats/types";
import { formatCount } from "@/lib/format/numbers";
import { formatHourOfDay } from "@/lib/format/dates";
import { useLocale } from "@/components/providers/AppProviders";
import { ChartFigure } from "@/components/charts/ChartFigure";
import { bottomAxisLabel, CHART_MARGIN, GRID_PROPS, streamsAxisProps, TOOLTIP_CONTENT_STYLE, AXIS_PROPS } from "@/components/charts/chart-style";

const HOUR_CHART_HEIGHT = 240;

export function streamsByHour(heatmap: Heatmap): number[] {
  return Array.from({ length: 24 }, (_, hour) => heatmap.reduce((sum, day) => sum + (day[hour] ?? 0), 0));
}

export function HourChart({ heatmap }: { heatmap: Heatmap }) {
  const locale = useLocale();
  const points = streamsByHour(heatmap).map((streams, hour) => ({ hour: formatHourOfDay(hour, locale), streams }));
  return (
    <ChartFigure
      height={HOUR_CHART_HEIGHT}
      title="Streams by hour of day"
      description="All weekdays together, in your time zone"
      table={{ caption: "Streams per hour of day", headers: ["Hour", "Streams"], rows: points.map((point) => [point.hour, formatCount(point.streams, locale)]) }}
    >
      <ResponsiveContainer width="100%" height={HOUR_CHART_HEIGHT}>
        <BarChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="hour" {...AXIS_PROPS} tick={{ fontSize: 11 }} interval={2} label={bottomAxisLabel("Hour of day")} />
          <YAxis {...streamsAxisProps(locale)} width={52} />
          <Tooltip cursor={{ fill: "var(--bg-hover)" }} contentStyle={TOOLTIP_CONTENT_STYLE} formatter={(value) => [formatCount(Number(value), locale), "Streams"]} />
          <Bar dataKey="streams" fill="var(--chart-2)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
