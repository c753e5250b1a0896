"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "@/lib/format/numbers";
import type { FollowedArtist } from "@/lib/following/followedArtists";
import { useLocale } from "@/components/providers/AppProviders";
import { ChartFigure } from "@/components/charts/ChartFigure";
import { bottomAxisLabel, CHART_MARGIN, GRID_PROPS, streamsAxisProps, TOOLTIP_CONTENT_STYLE, AXIS_PROPS } from "@/components/charts/chart-style";
import { monthLabel } from "@/components/artists/MonthsChart";
import { seriesColor } from "@/components/artists/series-colors";

const FOLLOWED_CHART_HEIGHT = 300;

function nextMonth(month: string): string {
  const [year, number] = month.split("-").map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, "0")}`;
}

/** Every month from the earliest to the latest month any followed artist has in the range. */
export function monthAxis(artists: FollowedArtist[]): string[] {
  const months = artists.flatMap((artist) => artist.months.map((month) => month.month)).sort();
  if (months.length === 0) return [];
  const axis: string[] = [];
  for (let month = months[0]; month <= months[months.length - 1]; month = nextMonth(month)) axis.push(month);
  return axis;
}

/** One line per followed artist: streams per month over the range. */
export function FollowedMonthsChart({ artists }: { artists: FollowedArtist[] }) {
  const locale = useLocale();
  const axis = monthAxis(artists);
  const streams = artists.map((artist) => new Map(artist.months.map((month) => [month.month, month.streams])));
  const points = axis.map((month) => ({
    label: monthLabel(month, locale),
    ...Object.fromEntries(artists.map((artist, index) => [artist.id, streams[index].get(month) ?? 0])),
  }));
  return (
    <ChartFigure
      height={FOLLOWED_CHART_HEIGHT}
      title="Monthly streams"
      description="Each followed artist's streams per month in the range"
      table={{
        caption: "Streams per month of each followed artist",
        headers: ["Month", ...artists.map((artist) => artist.name)],
        rows: axis.map((month, row) => [monthLabel(month, locale), ...artists.map((artist) => formatCount(Number(points[row][artist.id as keyof (typeof points)[number]]), locale))]),
      }}
    >
      <ResponsiveContainer width="100%" height={FOLLOWED_CHART_HEIGHT}>
        <LineChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="label" {...AXIS_PROPS} minTickGap={16} label={bottomAxisLabel("Month")} />
          <YAxis {...streamsAxisProps(locale)} />
          <Tooltip
            contentStyle={TOOLTIP_CONTENT_STYLE}
            formatter={(value, name) => [formatCount(Number(value), locale), artists.find((artist) => artist.id === name)?.name ?? String(name)]}
          />
          <Legend verticalAlign="top" height={28} formatter={(id) => artists.find((artist) => artist.id === id)?.name ?? String(id)} wrapperStyle={{ fontSize: 12 }} />
          {artists.map((artist, index) => (
            <Line key={artist.id} type="monotone" dataKey={artist.id} stroke={seriesColor(index)} strokeWidth={2} dot={axis.length <= 12} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
