"use client";

import { Bar, BarChart, Cell } from "recharts";
import { formatCount } from "@/lib/format/numbers";
import { useLocale } from "@/components/providers/AppProviders";
import styles from "@/components/trends/trends.module.css";

const SPARKLINE_WIDTH = 140;
const SPARKLINE_HEIGHT = 36;

/**
 * An item's streams in each of the last 28 weeks (oldest first): the last four, the recent
 * window, in the accent colour. The figures are in the label for screen readers.
 */
export function WeeklySparkline({ weeks, name }: { weeks: number[]; name: string }) {
  const locale = useLocale();
  const points = weeks.map((streams, index) => ({ index, streams }));
  const recentFrom = weeks.length - 4;
  const label = `${name}: streams per week over the last ${weeks.length} weeks, oldest first: ${weeks.map((value) => formatCount(value, locale)).join(", ")}`;
  return (
    <div className={styles.sparkline} role="img" aria-label={label} title={`Streams per week, last ${weeks.length} weeks`} data-weeks={weeks.join(",")}>
      <BarChart width={SPARKLINE_WIDTH} height={SPARKLINE_HEIGHT} data={points} margin={{ top: 2, right: 0, bottom: 0, left: 0 }} barCategoryGap={1} accessibilityLayer={false}>
        <Bar dataKey="streams" isAnimationActive={false} minPointSize={1}>
          {points.map((point) => (
            <Cell key={point.index} fill={point.index >= recentFrom ? "var(--accent)" : "var(--text-muted)"} fillOpacity={point.index >= recentFrom ? 1 : 0.45} />
          ))}
        </Bar>
      </BarChart>
    </div>
  );
}
