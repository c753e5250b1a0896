/**
 * GET /api/following (SPEC 5c): the user's followed artists, oldest follow first, each with its
 * months of streams in the range (zero-filled, as in the artist report) and its daily Spotify
 * snapshots over time.
 */
import type { Db } from "@/lib/db/client";
import { getArtistMonths, type ArtistMonth } from "@/lib/stats/artistMonths";
import type { StatsFilter } from "@/lib/stats/types";

export type ArtistSnapshotEntry = { date: string; popularity: number | null; followers: number | null; genres: string[] };

export type FollowedArtist = { id: string; name: string; months: ArtistMonth[]; snapshots: ArtistSnapshotEntry[] };

export async function getFollowedArtists(db: Db, filter: StatsFilter): Promise<FollowedArtist[]> {
  const follows = await db.follow.findMany({
    where: { userId: filter.userId },
    orderBy: [{ createdAt: "asc" }, { artistId: "asc" }],
    select: {
      artist: {
        select: {
          id: true,
          name: true,
          snapshots: { orderBy: { date: "asc" }, select: { date: true, popularity: true, followers: true, genres: true } },
        },
      },
    },
  });
  const months = await getArtistMonths(db, filter, follows.map((follow) => follow.artist.id));
  return follows.map(({ artist }) => ({
    id: artist.id,
    name: artist.name,
    months: months.get(artist.id) ?? [],
    snapshots: artist.snapshots.map((snapshot) => ({
      date: snapshot.date.toISOString().slice(0, 10),
      popularity: snapshot.popularity,
      followers: snapshot.followers,
      genres: snapshot.genres,
    })),
  }));
}
