/** What the year's share image lists under the minutes. The image is shared beyond its owner: one neutral locale. */
import { formatCount } from "@/lib/format/numbers";
import { formatHourOfDay } from "@/lib/format/dates";
import type { YearSummary } from "@/components/wrapped/year-summary";

export const IMAGE_LOCALE = "en-US";

/** A figure not known (yet) is left out, as on the page, not shown as a placeholder. */
export function yearImageRows(summary: YearSummary): [string, string][] {
  const rows: [string, string | undefined][] = [
    ["Top artist", summary.topArtist?.name],
    ["Top song", summary.topTrack?.name],
    ["Top genre", summary.topGenre?.name],
    ["Longest streak", summary.longestStreak.days > 0 ? `${formatCount(summary.longestStreak.days, IMAGE_LOCALE)} days` : undefined],
    ["New artists", formatCount(summary.newArtists, IMAGE_LOCALE)],
    ["Busiest hour", summary.busiestHour ? formatHourOfDay(summary.busiestHour.hour, IMAGE_LOCALE) : undefined],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined);
}
