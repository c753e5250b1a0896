import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { getFollowedArtists } from "@/lib/following/followedArtists";
import { resolveRangeQuery } from "@/lib/stats/range";
import { getTopArtists } from "@/lib/stats/topArtists";
import { currentPageUser } from "@/components/shell/current-user";
import { reportRequestOf } from "@/components/range/range-params";
import { FollowingView } from "@/components/artists/FollowingView";
import { FOLLOW_SUGGESTIONS } from "@/lib/following/follows";
import { firstParam, type PageSearchParams } from "@/app/dashboard/_lib/load-report";
import { catalogueImagesOf } from "@/lib/catalog/images";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Following" };

export default async function FollowingPage({ searchParams }: { searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const query = await searchParams;
  const now = new Date();
  const resolved = resolveRangeQuery({ range: firstParam(query.range), from: firstParam(query.from), to: firstParam(query.to) }, now, user.timeZone);
  const filter = { userId: user.id, from: resolved.from, to: resolved.to, timeZone: user.timeZone, limit: FOLLOW_SUGGESTIONS, now };
  const db = getDb();
  const [followed, anyPlay] = await Promise.all([getFollowedArtists(db, filter), db.play.findFirst({ where: { userId: user.id }, select: { id: true } })]);
  // Following nobody yet: the range's top artists, each with a follow button.
  const suggestions = followed.length === 0 && anyPlay ? await getTopArtists(db, filter) : [];
  const { artists: images } = await catalogueImagesOf(db, { artists: suggestions.map((artist) => artist.id), albums: [], tracks: [] });
  return (
    <FollowingView
      initial={{ followed, suggestions, images, request: reportRequestOf(resolved), timeZone: user.timeZone, hasAnyPlays: anyPlay !== null }}
    />
  );
}
