/**
 * Following artists in Encore (SPEC 5c; not on Spotify): at most FOLLOW_LIMIT per user, and only
 * artists the user has played. An artist the user never played is "not found" exactly like an
 * unknown id: the catalogue is shared, and nobody may learn what others play.
 */
import type { Db } from "@/lib/db/client";

export const FOLLOW_LIMIT = 20;

/** How many of the range's top artists the following page suggests to someone who follows nobody. */
export const FOLLOW_SUGGESTIONS = 5;

export const FOLLOW_LIMIT_MESSAGE = `You already follow ${FOLLOW_LIMIT} artists, the most Encore keeps for one listener: unfollow one first.`;

export type FollowResult =
  | { outcome: "followed" | "already"; artist: { id: string; name: string } }
  | { outcome: "not-found" }
  | { outcome: "limit" };

/**
 * Follows the artist. The user's row is locked while counting, so two requests at once cannot
 * both take the 20th place.
 */
export async function followArtist(db: Db, userId: string, artistId: string): Promise<FollowResult> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId} FOR UPDATE`;
    const artists = await tx.$queryRaw<{ id: string; name: string; followed: boolean; count: bigint }[]>`
      SELECT a.id, a.name,
             EXISTS (SELECT 1 FROM follows f WHERE f.user_id = ${userId} AND f.artist_id = a.id) AS followed,
             (SELECT count(*) FROM follows f WHERE f.user_id = ${userId}) AS count
      FROM artists a
      WHERE a.id = ${artistId}
        AND EXISTS (SELECT 1 FROM track_artists ta JOIN plays p ON p.user_id = ${userId} AND p.track_id = ta.track_id WHERE ta.artist_id = a.id)`;
    const artist = artists[0];
    if (!artist) return { outcome: "not-found" };
    if (artist.followed) return { outcome: "already", artist: { id: artist.id, name: artist.name } };
    if (Number(artist.count) >= FOLLOW_LIMIT) return { outcome: "limit" };
    await tx.follow.create({ data: { userId, artistId } });
    return { outcome: "followed", artist: { id: artist.id, name: artist.name } };
  });
}

/** Stops following; false when the user did not follow it (or it does not exist). */
export async function unfollowArtist(db: Db, userId: string, artistId: string): Promise<boolean> {
  const { count } = await db.follow.deleteMany({ where: { userId, artistId } });
  return count > 0;
}
