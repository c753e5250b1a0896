"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatDecimal } from "@/lib/format/numbers";
import { formatLocalDate, MONTH_DAY } from "@/lib/format/dates";
import type { ArtistSnapshotEntry } from "@/lib/following/followedArtists";
import { useLocale } from "@/components/providers/AppProviders";
import { ChartFigure } from "@/components/charts/ChartFigure";
import { GRID_PROPS, TOOLTIP_CONTENT_STYLE, AXIS_PROPS } from "@/components/charts/chart-style";

/** The chart with its legend (which line is which) above it. */
const SNAPSHOT_CHART_HEIGHT = 208;
const SERIES_NAMES: Record<string, string> = { popularity: "Popularity", followers: "Followers" };

export const NO_POPULARITY_NOTE = "Spotify no longer gives popularity and followers to apps like this one (February 2026).";

/** An artist's Spotify popularity and followers over time, one snapshot a day; says why there is nothing to draw. */
export function SnapshotChart({ artistName, snapshots, color }: { artistName: string; snapshots: ArtistSnapshotEntry[]; color: string }) {
  const locale = useLocale();
  const known = snapshots.filter((snapshot) => snapshot.popularity !== null || snapshot.followers !== null);
  const latestGenres = snapshots.at(-1)?.genres ?? [];
  if (snapshots.length === 0 || known.length === 0) {
    return (
      <section className="card" data-testid="snapshot-card" aria-label={`Spotify figures of ${artistName}`}>
        <h3 className="card-title">{artistName}</h3>
        <p className="muted small" data-testid="snapshot-note">
          {snapshots.length === 0
            ? "No snapshot yet: Encore reads the artist's Spotify details once a day, in its collection runs."
            : `${NO_POPULARITY_NOTE} ${formatCount(snapshots.length, locale)} daily snapshot${snapshots.length === 1 ? "" : "s"} kept, the latest on ${formatLocalDate(snapshots.at(-1)!.date, locale)}.`}
        </p>
        {latestGenres.length > 0 && <p className="small">Genres: {latestGenres.join(", ")}</p>}
      </section>
    );
  }
  const points = known.map((snapshot) => ({ label: formatLocalDate(snapshot.date, locale, MONTH_DAY), popularity: snapshot.popularity, followers: snapshot.followers }));
  return (
    <ChartFigure
      height={SNAPSHOT_CHART_HEIGHT}
      title={artistName}
      description="Spotify popularity (0–100) and followers, one snapshot a day"
      table={{
        caption: `Spotify snapshots of ${artistName}`,
        headers: ["Date", "Popularity", "Followers"],
        rows: known.map((snapshot) => [
          formatLocalDate(snapshot.date, locale),
          snapshot.popularity === null ? "—" : formatDecimal(snapshot.popularity, locale),
          snapshot.followers === null ? "—" : formatCount(snapshot.followers, locale),
        ]),
      }}
    >
      <ResponsiveContainer width="100%" height={SNAPSHOT_CHART_HEIGHT}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid {...GRID_PROPS} />
          <XAxis dataKey="label" {...AXIS_PROPS} tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis yAxisId="popularity" domain={[0, 100]} {...AXIS_PROPS} tick={{ fontSize: 11 }} width={32} />
          <YAxis yAxisId="followers" orientation="right" {...AXIS_PROPS} tick={{ fontSize: 11 }} width={56} tickFormatter={(value: number) => formatCount(value, locale)} />
          <Tooltip
            contentStyle={TOOLTIP_CONTENT_STYLE}
            formatter={(value, name) => [formatCount(Number(value), locale), SERIES_NAMES[String(name)] ?? String(name)]}
          />
          <Legend verticalAlign="top" height={28} formatter={(name) => SERIES_NAMES[String(name)] ?? String(name)} wrapperStyle={{ fontSize: 12 }} />
          <Line yAxisId="popularity" dataKey="popularity" stroke={color} strokeWidth={2} dot={points.length <= 14} connectNulls isAnimationActive={false} />
          <Line yAxisId="followers" dataKey="followers" stroke="var(--text-muted)" strokeDasharray="4 3" strokeWidth={1.5} dot={false} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
