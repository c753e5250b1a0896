import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { trackFirstStreams } from "@/lib/stats/sources";
import { playedAtBounds, toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed } from "@/lib/stats/streamed";
import type { StatsFilter } from "@/lib/stats/types";

/**
 * Artists whose first stream ever (all time, any of their tracks) falls in the range.
 *
 * With day rollups (bounds on local day starts), a first stream falls in the range exactly when
 * the artist's first streamed local date does: the artists streamed in the range whose first
 * date (stats_artist_firsts) is not before it. Otherwise from every track's first stream.
 */
export function newArtistsJson(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  const days = plan.days;
  if (days) {
    if (!days.from) return Prisma.sql`SELECT to_json(count(*)) FROM artist_streams`;
    return Prisma.sql`
      SELECT to_json(count(*)) FROM artist_streams s
      JOIN stats_artist_firsts f ON f.user_id = ${filter.userId} AND f.artist_id = s.artist_id
      WHERE f.first_date >= ${days.from}::date`;
  }
  return Prisma.sql`
    WITH first_track AS (${trackFirstStreams(filter, plan)}),
    first_artist AS (
      SELECT ta.artist_id, min(f.first_stream_at) AS first_stream_at
      FROM first_track f JOIN track_artists ta ON ta.track_id = f.track_id
      GROUP BY ta.artist_id
    )
    SELECT to_json(count(*)) FROM first_artist fa
    WHERE true ${playedAtBounds(Prisma.sql`fa.first_stream_at`, filter.from, filter.to)}`;
}

export async function countNewArtists(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<number> {
  const resolved = await resolvePlan(db, filter, plan);
  const [json] = await queryStreamed(db, filter, resolved, [newArtistsJson(filter, resolved)]);
  return toNumber(json);
}
