import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { trackFirstStreams } from "@/lib/stats/sources";
import { playedAtBounds, toNumber, type StatsDb } from "@/lib/stats/sql";
import type { StatsFilter } from "@/lib/stats/types";

/** Artists whose first stream ever (all time, any of their tracks) falls in the range. */
export async function countNewArtists(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<number> {
  const source = trackFirstStreams(filter, await resolvePlan(db, filter, plan));
  const rows = await db.$queryRaw<{ count: bigint }[]>(Prisma.sql`
    WITH first_track AS (${source}),
    first_artist AS (
      SELECT ta.artist_id, min(f.first_stream_at) AS first_stream_at
      FROM first_track f JOIN track_artists ta ON ta.track_id = f.track_id
      GROUP BY ta.artist_id
    )
    SELECT count(*)::bigint AS count FROM first_artist fa
    WHERE true ${playedAtBounds(Prisma.sql`fa.first_stream_at`, filter.from, filter.to)}`);
  return toNumber(rows[0]?.count);
}
