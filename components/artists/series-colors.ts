/** One colour per line of a multi-artist chart: the theme's chart colours first, then evenly spread hues. */
const THEMED = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)"];

export function seriesColor(index: number): string {
  if (index < THEMED.length) return THEMED[index];
  return `hsl(${Math.round(((index - THEMED.length) * 137.5 + 300) % 360)} 70% 58%)`;
}
