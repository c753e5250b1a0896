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
  // One statement (Prisma's nested select would make three: follows, artists, snapshots).
  const follows = await db.$queryRaw<{ id: string; name: string; snapshots: ArtistSnapshotEntry[] }[]>`
    SELECT a.id, a.name,
           COALESCE((SELECT json_agg(json_build_object('date', to_char(s.date, 'YYYY-MM-DD'), 'popularity', s.popularity,
                                                       'followers', s.followers, 'genres', s.genres) ORDER BY s.date)
                     FROM artist_snapshots s WHERE s.artist_id = a.id), '[]'::json) AS snapshots
    FROM follows f JOIN artists a ON a.id = f.artist_id
    WHERE f.user_id = ${filter.userId}
    ORDER BY f.created_at, f.artist_id`;
  const months = await getArtistMonths(db, filter, follows.map((artist) => artist.id));
  return follows.map((artist) => ({ id: artist.id, name: artist.name, months: months.get(artist.id) ?? [], snapshots: artist.snapshots }));
}
