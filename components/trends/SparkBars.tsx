"use client";

import { Bar, BarChart, Cell } from "recharts";

export const SPARKLINE_WIDTH = 140;
export const SPARKLINE_HEIGHT = 36;

/** The bars of a WeeklySparkline: the last four weeks (the recent window) in the accent colour. */
export default function SparkBars({ weeks }: { weeks: number[] }) {
  const points = weeks.map((streams, index) => ({ index, streams }));
  const recentFrom = weeks.length - 4;
  return (
    <BarChart width={SPARKLINE_WIDTH} height={SPARKLINE_HEIGHT} data={points} margin={{ top: 2, right: 0, bottom: 0, left: 0 }} barCategoryGap={1} accessibilityLayer={false}>
      <Bar dataKey="streams" isAnimationActive={false} minPointSize={1}>
        {points.map((point) => (
          <Cell key={point.index} fill={point.index >= recentFrom ? "var(--accent)" : "var(--text-muted)"} fillOpacity={point.index >= recentFrom ? 1 : 0.45} />
        ))}
      </Bar>
    </BarChart>
  );
}
