import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { sessionFollowedArtistIds } from "@/lib/auth/session";
import { getCachedArtistFigures, getCachedPlayedArtist } from "@/lib/stats/artist-report-cache";
import { resolveRangeQuery } from "@/lib/stats/range";
import { currentPageUser } from "@/components/shell/current-user";
import { reportRequestOf } from "@/components/range/range-params";
import { ArtistView } from "@/components/artists/ArtistView";
import { firstParam, type PageSearchParams } from "@/app/dashboard/_lib/load-report";

export const dynamic = "force-dynamic";

const ARTIST_LIMIT = 10;

type Params = Promise<{ id: string }>;

/** The metadata and the page ask the same question: one answer per request. */
const playedArtistOnce = cache(getCachedPlayedArtist);

/** Pages get the segment still percent-encoded (route handlers get it decoded): decode once, a malformed one is no artist. */
function artistIdOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await currentPageUser();
  const id = artistIdOf((await params).id);
  // The name only for an artist the user played (the same rule as the page itself).
  const artist = await playedArtistOnce(getDb(), user.id, id);
  return { title: artist ? artist.name : "Artist not found" };
}

/** One artist in the signed-in user's listening (SPEC 5c); never played or unknown: 404 alike. */
export default async function ArtistPage({ params, searchParams }: { params: Params; searchParams: PageSearchParams }) {
  const user = await currentPageUser();
  const id = artistIdOf((await params).id);
  const query = await searchParams;
  const now = new Date();
  const resolved = resolveRangeQuery({ range: firstParam(query.range), from: firstParam(query.from), to: firstParam(query.to) }, now, user.timeZone);
  const db = getDb();
  // Decided before the figures are computed, so the answer is a 404 before anything streams.
  const [played, followed] = await Promise.all([playedArtistOnce(db, user.id, id), sessionFollowedArtistIds()]);
  if (!played) notFound();
  const figures = await getCachedArtistFigures(db, { userId: user.id, from: resolved.from, to: resolved.to, timeZone: user.timeZone, limit: ARTIST_LIMIT, now }, id);
  if (!figures) notFound();
  return (
    <ArtistView
      initial={{
        report: figures.report,
        request: reportRequestOf(resolved),
        limit: ARTIST_LIMIT,
        timeZone: user.timeZone,
        following: followed?.includes(id) ?? false,
        artwork: figures.artwork,
      }}
    />
  );
}
