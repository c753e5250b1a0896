import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { CREDITS_OF_TS, trackFirstStreams, trackStreams } from "@/lib/stats/sources";
import { playedAtBounds, toNumber, type StatsDb } from "@/lib/stats/sql";
import type { StatsFilter } from "@/lib/stats/types";

/** Artists whose first stream ever (all time, any of their tracks) falls in the range. */
export async function countNewArtists(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<number> {
  const resolved = await resolvePlan(db, filter, plan);
  if (resolved.days) return countNewArtistsFromRuns(db, filter, resolved, resolved.days);
  const source = trackFirstStreams(filter, resolved);
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

/**
 * With day rollups (bounds on local day starts), a first stream falls in the range exactly when
 * the artist's first streamed local date does: the artists streamed in the range that have no
 * run starting before it (one index probe each).
 */
async function countNewArtistsFromRuns(
  db: StatsDb,
  filter: StatsFilter,
  plan: StatsPlan,
  days: NonNullable<StatsPlan["days"]>,
): Promise<number> {
  const earlier = days.from
    ? Prisma.sql`WHERE NOT EXISTS (SELECT 1 FROM stats_artist_runs r WHERE r.user_id = ${filter.userId} AND r.artist_id = c.artist_id AND r.first_date < ${days.from}::date)`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ count: bigint }[]>(Prisma.sql`
    WITH ts AS (${trackStreams(filter, plan)}), credits AS (${CREDITS_OF_TS})
    SELECT count(*)::bigint AS count FROM (SELECT DISTINCT artist_id FROM credits) c ${earlier}`);
  return toNumber(rows[0]?.count);
}
