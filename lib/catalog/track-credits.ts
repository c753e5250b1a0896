/**
 * The credited artists (id and name, in Spotify's credit order) of tracks, so that every artist
 * name the dashboard shows beside a track links to that artist's page. Reports list credits by
 * name only (SPEC 5); this looks up the ids of the few tracks a page shows.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

export type ArtistCredit = { id: string; name: string };
export type TrackCredits = Record<string, ArtistCredit[]>;

/**
 * `playedBy`: only tracks that user has played (a request from the browser must not learn about
 * tracks of the shared catalogue it never played); omitted for ids taken from the user's own report.
 */
export async function trackCredits(db: Db, trackIds: string[], playedBy?: string): Promise<TrackCredits> {
  if (trackIds.length === 0) return {};
  const rows = await db.$queryRaw<{ track_id: string; artist_id: string; name: string }[]>`
    SELECT ta.track_id, a.id AS artist_id, a.name
    FROM track_artists ta JOIN artists a ON a.id = ta.artist_id
    WHERE ta.track_id = ANY(${trackIds}::text[])
      ${playedBy === undefined ? Prisma.empty : Prisma.sql`AND EXISTS (SELECT 1 FROM plays p WHERE p.user_id = ${playedBy} AND p.track_id = ta.track_id)`}
    ORDER BY ta.track_id, ta.position`;
  const credits: TrackCredits = {};
  for (const row of rows) (credits[row.track_id] ??= []).push({ id: row.artist_id, name: row.name });
  return credits;
}
