import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { getFollowedArtists } from "@/lib/following/followedArtists";
import { resolveRangeQuery } from "@/lib/stats/range";
import { readDataVersion } from "@/lib/stats/data-version";
import { getFollowSuggestions } from "@/lib/following/follow-suggestions";
import { currentPageUser } from "@/components/shell/current-user";
import { reportRequestOf } from "@/components/range/range-params";
import { FollowingView } from "@/components/artists/FollowingView";
import { FOLLOW_SUGGESTIONS } from "@/lib/following/follows";
import { firstParam, type PageSearchParams } from "@/app/dashboard/_lib/load-report";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Following" };

export default async function FollowingPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const query = await searchParams;
  const now = new Date();
  const resolved = resolveRangeQuery({ range: firstParam(query.range), from: firstParam(query.from), to: firstParam(query.to) }, now, user.timeZone);
  const filter = { userId: user.id, from: resolved.from, to: resolved.to, timeZone: user.timeZone, limit: FOLLOW_SUGGESTIONS, now };
  const db = getDb();
  const [followed, version] = await Promise.all([getFollowedArtists(db, filter), readDataVersion(db, user.id)]);
  const hasAnyPlays = Boolean(version?.last_played_at);
  // Following nobody yet: the range's top artists, each with a follow button.
  const { artists: suggestions, images } = followed.length === 0 && hasAnyPlays ? await getFollowSuggestions(db, filter) : { artists: [], images: {} };
  return (
    <FollowingView initial={{ followed, suggestions, images, request: reportRequestOf(resolved), timeZone: user.timeZone, hasAnyPlays }} />
  );
}
