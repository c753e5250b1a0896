/** The live share behind a token, read once per request (the page's metadata and body share it). */
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { findLiveShare, type LiveShare } from "@/lib/shares";
import { formatLocalDate } from "@/lib/format/dates";
import { addDays } from "@/lib/stats/local-time";

export const loadLiveShare = cache(async (token: string): Promise<LiveShare | null> => findLiveShare(getDb(), token));

/** "2025 wrapped", "Mar 1 – Mar 28, 2026" (the range's last day, `to` being exclusive), "All time". */
export function sharedPeriod(share: LiveShare, locale: string): string {
  if (share.kind === "wrapped") return `${share.year} wrapped`;
  const last = share.to ? addDays(share.to, -1) : null;
  if (share.from && last) return share.from === last ? formatLocalDate(share.from, locale) : `${formatLocalDate(share.from, locale)} – ${formatLocalDate(last, locale)}`;
  if (share.from) return `Since ${formatLocalDate(share.from, locale)}`;
  if (last) return `Until ${formatLocalDate(last, locale)}`;
  return "All time";
}

/** The page's title: the name only when its owner chose to show it. */
export function sharedTitle(share: LiveShare, locale: string): string {
  const period = sharedPeriod(share, locale);
  if (share.kind === "wrapped") return share.displayName ? `${share.displayName}'s ${period}` : `A ${period} on Encore`;
  return share.displayName ? `${share.displayName}'s listening · ${period}` : `Listening · ${period}`;
}
