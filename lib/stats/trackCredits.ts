import type { StatsDb } from "@/lib/stats/sql";

export type Credit = { id: string; name: string };

/** The credited artists (ids and names, in credit order) of the given tracks, so pages can link each artist. */
export async function getTrackCredits(db: StatsDb, trackIds: string[]): Promise<Record<string, Credit[]>> {
  if (trackIds.length === 0) return {};
  const rows = await db.$queryRaw<{ track_id: string; id: string; name: string }[]>`
    SELECT ta.track_id, a.id, a.name FROM track_artists ta JOIN artists a ON a.id = ta.artist_id
    WHERE ta.track_id = ANY(${trackIds}::text[]) ORDER BY ta.track_id, ta.position`;
  const credits: Record<string, Credit[]> = Object.fromEntries(trackIds.map((id) => [id, []]));
  for (const row of rows) credits[row.track_id].push({ id: row.id, name: row.name });
  return credits;
}
