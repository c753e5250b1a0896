import { getDb } from "@/lib/db/client";
import { formatCount, formatMinutes } from "@/lib/format/numbers";
import { findLiveShare } from "@/lib/shares";
import { summaryImageResponse } from "@/components/wrapped/summary-image";
import { IMAGE_LOCALE, yearImageRows } from "@/components/wrapped/year-image-rows";
import { summariseYear } from "@/components/wrapped/year-summary";
import { sharedPeriod } from "@/components/shares/load-shared";

export const dynamic = "force-dynamic";

/** The same 404 for unknown, revoked and expired links. */
const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** A share link's image (its Open Graph card), drawn from the same snapshot as its page. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const share = await findLiveShare(getDb(), (await params).token);
  if (!share) return notFound();
  const { snapshot } = share;
  const owner = share.displayName ? ` · ${share.displayName}` : "";
  const rows: [string, string][] =
    share.kind === "wrapped"
      ? yearImageRows(summariseYear(share.year, snapshot))
      : [
          ["Top artist", snapshot.topArtists[0]?.name ?? "—"],
          ["Top song", snapshot.topTracks[0]?.name ?? "—"],
          ["Top genre", snapshot.topGenres[0]?.name ?? "—"],
          ["Streams", formatCount(snapshot.totals.streams, IMAGE_LOCALE)],
          ["Artists", formatCount(snapshot.totals.uniqueArtists, IMAGE_LOCALE)],
          ["Longest streak", `${formatCount(snapshot.streaks.longest.days, IMAGE_LOCALE)} days`],
        ];
  return summaryImageResponse(
    { heading: `ENCORE · ${sharedPeriod(share, IMAGE_LOCALE).toUpperCase()}${owner}`, minutes: formatMinutes(snapshot.totals.msListened, IMAGE_LOCALE), rows },
    { headers: { "cache-control": "private, no-store" } },
  );
}
