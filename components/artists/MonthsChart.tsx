"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatDuration } from "@/lib/format/numbers";
import { formatLocalDate, MONTH_YEAR } from "@/lib/format/dates";
import type { ArtistMonth } from "@/lib/stats/artistMonths";
import { useLocale } from "@/components/providers/AppProviders";
import { ChartFigure } from "@/components/charts/ChartFigure";
import { bottomAxisLabel, CHART_MARGIN, GRID_PROPS, streamsAxisProps, TOOLTIP_CONTENT_STYLE, AXIS_PROPS } from "@/components/charts/chart-style";

const MONTHS_CHART_HEIGHT = 240;

export function monthLabel(month: string, locale: string): string {
  return formatLocalDate(`${month}-01`, locale, MONTH_YEAR);
}

/** An artist's streams per local month, months without streams included (SPEC 5c). */
export function MonthsChart({ months, artistName }: { months: ArtistMonth[]; artistName: string }) {
  const locale = useLocale();
  const points = months.map((month) => ({ label: monthLabel(month.month, locale), streams: month.streams, msListened: month.msListened }));
  return (
    <ChartFigure
      height={MONTHS_CHART_HEIGHT}
      title="Streams per month"
      description={`${artistName}: every month from the first to the last stream in the range`}
      table={{
        caption: `Streams and time listened per month for ${artistName}`,
        headers: ["Month", "Streams", "Time listened"],
        rows: points.map((point) => [point.label, formatCount(point.streams, locale), formatDuration(point.msListened, locale)]),
      }}
    >
      <ResponsiveContainer width="100%" height={MONTHS_CHART_HEIGHT}>
        <BarChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="label" {...AXIS_PROPS} minTickGap={16} label={bottomAxisLabel("Month")} />
          <YAxis {...streamsAxisProps(locale)} />
          <Tooltip cursor={{ fill: "var(--bg-hover)" }} contentStyle={TOOLTIP_CONTENT_STYLE} formatter={(value) => [formatCount(Number(value), locale), "Streams"]} />
          <Bar dataKey="streams" fill="var(--chart-1)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
