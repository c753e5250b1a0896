import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { jsonError, userRoute } from "@/lib/http/route";
import { getFollowedArtists } from "@/lib/following/followedArtists";
import { FOLLOW_LIMIT_MESSAGE, followArtist } from "@/lib/following/follows";
import { RangeArgumentError } from "@/lib/stats/range";
import { statsFilterFor, statsQuerySchema } from "@/app/api/stats/stats-query";

export const dynamic = "force-dynamic";

/** The signed-in user's followed artists with their months in the range and their snapshots (SPEC 5c). */
export const GET = userRoute({ query: statsQuerySchema }, async ({ user, query }) => {
  try {
    return await getFollowedArtists(getDb(), statsFilterFor(user, query));
  } catch (error) {
    if (error instanceof RangeArgumentError) return jsonError(400, error.message);
    throw error;
  }
});

const followBody = z.object({ artistId: z.string().trim().min(1, "artistId is required").max(200) });

/** Follows an artist the user has played: 201 (200 when already followed), 404 as for an unknown id, 409 past the limit. */
export const POST = userRoute({ body: followBody }, async ({ user, body }) => {
  const result = await followArtist(getDb(), user.id, body.artistId);
  switch (result.outcome) {
    case "not-found":
      return jsonError(404, "Not found.");
    case "limit":
      return jsonError(409, FOLLOW_LIMIT_MESSAGE);
    default:
      return NextResponse.json({ ...result.artist, following: true }, { status: result.outcome === "followed" ? 201 : 200 });
  }
});
