"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Heatmap } from "@/lib/stats/types";
import { formatCount } from "@/lib/format/numbers";
import { formatHourOfDay } from "@/lib/format/dates";
import { useLocale } from "@/components/providers/AppProviders";
import { ChartFigure } from "@/components/charts/ChartFigure";

export function streamsByHour(heatmap: Heatmap): number[] {
  return Array.from({ length: 24 }, (_, hour) => heatmap.reduce((sum, day) => sum + (day[hour] ?? 0), 0));
}

export function HourChart({ heatmap }: { heatmap: Heatmap }) {
  const locale = useLocale();
  const points = streamsByHour(heatmap).map((streams, hour) => ({ hour: formatHourOfDay(hour, locale), streams }));
  return (
    <ChartFigure
      title="Streams by hour of day"
      description="All weekdays together, in your time zone"
      table={{ caption: "Streams per hour of day", headers: ["Hour", "Streams"], rows: points.map((point) => [point.hour, formatCount(point.streams, locale)]) }}
    >
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={points} margin={{ top: 8, right: 12, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="hour"
            stroke="var(--text-muted)"
            tick={{ fontSize: 11 }}
            interval={2}
            label={{ value: "Hour of day", position: "insideBottom", offset: -16, fill: "var(--text-muted)", fontSize: 12 }}
          />
          <YAxis
            stroke="var(--text-muted)"
            tick={{ fontSize: 12 }}
            width={52}
            allowDecimals={false}
            tickFormatter={(value: number) => formatCount(value, locale)}
            label={{ value: "Streams", angle: -90, position: "insideLeft", fill: "var(--text-muted)", fontSize: 12 }}
          />
          <Tooltip
            cursor={{ fill: "var(--bg-hover)" }}
            contentStyle={{ background: "var(--bg-elevated)", border: "1px solid var(--border)", borderRadius: 10, color: "var(--text)" }}
            formatter={(value) => [formatCount(Number(value), locale), "Streams"]}
          />
          <Bar dataKey="streams" fill="var(--chart-2)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
