/**
 * Rediscoveries (SPEC 5c): artists streamed in R whose last stream before R lies on a local date
 * `lastBefore` at least 180 days before their first stream in R; `gapDays` is that difference.
 * Ordered by gapDays desc, recent desc, name, id. A scalar subquery over the trend counts
 * (lib/stats/trend-counts.ts: `recent` comes from artist_counts).
 *
 * Only artists without streams on B's quiet dates (D-179..D-28, counted with the trend counts)
 * can qualify, so only they are looked up: with rollups, by two probes of the artist days'
 * (user, artist, date) key each (the first date in R, the last before R); otherwise from their
 * plays.
 */
import { Prisma } from "@/lib/db/generated/client";
import { IS_STREAM, playedAtBounds, toNumber, type StatsDb } from "@/lib/stats/sql";
import { rankedJson } from "@/lib/stats/streamed";
import { queryTrendCounts } from "@/lib/stats/trend-counts";
import { eitherSource, REDISCOVERY_GAP_DAYS, trendSources, type TrendSources } from "@/lib/stats/trend-windows";
import type { Rediscovery, TrendsFilter } from "@/lib/stats/trend-types";

export { REDISCOVERY_GAP_DAYS };

/** The artists that may be rediscoveries: streamed in R, not on the quiet dates. */
const CANDIDATES = Prisma.sql`SELECT artist_id FROM artist_counts WHERE recent > 0 AND quiet = 0`;

/** (artist_id, first_date, last_before) of the candidates streamed before R, from the rollups or from plays. */
function returningArtists(sources: TrendSources): Prisma.Sql {
  const { userId } = sources.filter;
  const days = sources.windows.recent;
  const fromRollups = Prisma.sql`
    SELECT c.artist_id, f.first_date, l.last_before
    FROM (${CANDIDATES}) c
    CROSS JOIN LATERAL (
      SELECT min(d.local_date) AS first_date FROM stats_artist_days d
      WHERE d.user_id = ${userId} AND d.artist_id = c.artist_id AND d.local_date >= ${days.from}::date AND d.local_date < ${days.to}::date
    ) f
    CROSS JOIN LATERAL (
      SELECT max(d.local_date) AS last_before FROM stats_artist_days d
      WHERE d.user_id = ${userId} AND d.artist_id = c.artist_id AND d.local_date < ${days.from}::date
    ) l`;
  const filter = sources.rawFilter(days);
  const localDate = Prisma.sql`(p.played_at AT TIME ZONE ${filter.timeZone})::date`;
  const fromPlays = Prisma.sql`
    SELECT f.artist_id, f.first_date, l.last_before
    FROM (
      SELECT ta.artist_id, min(${localDate}) AS first_date
      FROM plays p JOIN track_artists ta ON ta.track_id = p.track_id
      WHERE p.user_id = ${userId} AND ${IS_STREAM} ${playedAtBounds(Prisma.sql`p.played_at`, filter.from, filter.to)}
        AND ta.artist_id IN (${CANDIDATES})
      GROUP BY ta.artist_id
    ) f
    JOIN (
      SELECT ta.artist_id, max(${localDate}) AS last_before
      FROM plays p JOIN track_artists ta ON ta.track_id = p.track_id
      WHERE p.user_id = ${userId} AND ${IS_STREAM} ${playedAtBounds(Prisma.sql`p.played_at`, null, filter.from)}
        AND ta.artist_id IN (${CANDIDATES})
      GROUP BY ta.artist_id
    ) l ON l.artist_id = f.artist_id`;
  return eitherSource(sources, fromRollups, fromPlays);
}

export function rediscoveriesJson(sources: TrendSources, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH returning_artists AS (${returningArtists(sources)})
    ${rankedJson(
      Prisma.sql`SELECT a.id, a.name, s.recent, to_char(r.last_before, 'YYYY-MM-DD') AS last_before, (r.first_date - r.last_before) AS gap_days
        FROM returning_artists r JOIN artist_counts s ON s.artist_id = r.artist_id JOIN artists a ON a.id = r.artist_id
        WHERE r.first_date - r.last_before >= ${REDISCOVERY_GAP_DAYS}`,
      Prisma.sql`x.gap_days DESC, x.recent DESC, x.name COLLATE "C", x.id COLLATE "C"`,
      limit,
      Prisma.sql`x.id, x.name, x.recent, x.last_before, x.gap_days`,
    )}`;
}

export function toRediscoveries(json: unknown): Rediscovery[] {
  return (json as [string, string, number, string, number][]).map(([id, name, recent, lastBefore, gapDays]) => ({
    id,
    name,
    recent: toNumber(recent),
    lastBefore,
    gapDays: toNumber(gapDays),
  }));
}

export async function getRediscoveries(db: StatsDb, filter: TrendsFilter): Promise<Rediscovery[]> {
  const sources = await trendSources(db, filter);
  const [json] = await queryTrendCounts(db, sources, [rediscoveriesJson(sources, filter.limit)]);
  return toRediscoveries(json);
}
