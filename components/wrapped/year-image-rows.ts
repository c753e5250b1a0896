/** What the year's share image lists under the minutes. The image is shared beyond its owner: one neutral locale. */
import { formatCount } from "@/lib/format/numbers";
import { formatHourOfDay } from "@/lib/format/dates";
import type { YearSummary } from "@/components/wrapped/year-summary";

export const IMAGE_LOCALE = "en-US";

export function yearImageRows(summary: YearSummary): [string, string][] {
  return [
    ["Top artist", summary.topArtist?.name ?? "—"],
    ["Top song", summary.topTrack?.name ?? "—"],
    ["Top genre", summary.topGenre?.name ?? "—"],
    ["Longest streak", `${formatCount(summary.longestStreak.days, IMAGE_LOCALE)} days`],
    ["New artists", formatCount(summary.newArtists, IMAGE_LOCALE)],
    ["Busiest hour", summary.busiestHour ? formatHourOfDay(summary.busiestHour.hour, IMAGE_LOCALE) : "—"],
  ];
}
