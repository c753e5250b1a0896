/** The look every Recharts chart of the app shares: grid, axes, the streams axis and the tooltip (the theme's colours). */
import { formatCount } from "@/lib/format/numbers";

export const CHART_MARGIN = { top: 8, right: 12, bottom: 24, left: 8 };

export const GRID_PROPS = { stroke: "var(--border)", strokeDasharray: "3 3", vertical: false } as const;

/** Every axis' line and ticks (a denser chart passes a smaller `tick` after these). */
export const AXIS_PROPS = { stroke: "var(--text-muted)", tick: { fontSize: 12 } } as const;

/** An x axis' name under its ticks. */
export function bottomAxisLabel(value: string) {
  return { value, position: "insideBottom" as const, offset: -16, fill: "var(--text-muted)", fontSize: 12 };
}

/** The y axis of streams: whole numbers, written as the reader's locale writes them. */
export function streamsAxisProps(locale: string) {
  return {
    ...AXIS_PROPS,
    width: 48,
    allowDecimals: false,
    tickFormatter: (value: number) => formatCount(value, locale),
    label: { value: "Streams", angle: -90, position: "insideLeft" as const, fill: "var(--text-muted)", fontSize: 12 },
  };
}

export const TOOLTIP_CONTENT_STYLE = { background: "var(--bg-elevated)", border: "1px solid var(--border)", borderRadius: 10, color: "var(--text)" };
