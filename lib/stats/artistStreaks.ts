import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { trackDays } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed, rankedJson } from "@/lib/stats/streamed";
import type { ArtistStreak, StatsFilter } from "@/lib/stats/types";

type Row = [id: string, name: string, days: number, start: string, end: string];

/** Runs from raw plays: per artist, consecutive local dates share `local_date - row_number`. */
function runsFromPlays(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  return Prisma.sql`
    td AS (${trackDays(filter, plan)}),
    day_credits AS (
      SELECT DISTINCT ta.track_id, ta.artist_id FROM track_artists ta
      WHERE ta.track_id IN (SELECT DISTINCT track_id FROM td)
    ),
    artist_days AS (SELECT DISTINCT c.artist_id, td.local_date FROM td JOIN day_credits c ON c.track_id = td.track_id),
    islands AS (
      SELECT artist_id, local_date, local_date - (row_number() OVER (PARTITION BY artist_id ORDER BY local_date))::int AS island
      FROM artist_days
    ),
    runs AS (SELECT artist_id, min(local_date) AS first_date, max(local_date) AS last_date FROM islands GROUP BY artist_id, island)`;
}

/** Ranges up to this many days scan the runs that overlap them; longer ones probe each artist's longest runs. */
const SHORT_RANGE_DAYS = 400;

function dayCount(days: NonNullable<StatsPlan["days"]>): number {
  if (!days.from || !days.to) return Number.POSITIVE_INFINITY;
  return (Date.parse(`${days.to}T00:00:00Z`) - Date.parse(`${days.from}T00:00:00Z`)) / 86_400_000;
}

/** Short ranges: every rolled-up run overlapping the range, cut to it (a cut run is still a run). */
function runsOverlapping(filter: StatsFilter, days: NonNullable<StatsPlan["days"]>): Prisma.Sql {
  const first = days.from ? Prisma.sql`greatest(r.first_date, ${days.from}::date)` : Prisma.sql`r.first_date`;
  const last = days.to ? Prisma.sql`least(r.last_date, ${days.to}::date - 1)` : Prisma.sql`r.last_date`;
  return Prisma.sql`
    runs AS (
      SELECT r.artist_id, ${first} AS first_date, ${last} AS last_date
      FROM stats_artist_runs r
      WHERE r.user_id = ${filter.userId}
        ${days.from ? Prisma.sql`AND r.last_date >= ${days.from}::date` : Prisma.empty}
        ${days.to ? Prisma.sql`AND r.first_date < ${days.to}::date` : Prisma.empty}
    )`;
}

/**
 * Long ranges and all time: per artist streamed in the range, at most three index probes — its
 * longest run inside the range (index on days desc), and the runs across each bound, cut.
 */
function runsProbed(filter: StatsFilter, days: NonNullable<StatsPlan["days"]>): Prisma.Sql {
  const { userId } = filter;
  const candidates: Prisma.Sql[] = [
    Prisma.sql`(SELECT r.first_date, r.last_date FROM stats_artist_runs r
      WHERE r.user_id = ${userId} AND r.artist_id = s.artist_id
        ${days.from ? Prisma.sql`AND r.first_date >= ${days.from}::date` : Prisma.empty}
        ${days.to ? Prisma.sql`AND r.last_date < ${days.to}::date` : Prisma.empty}
      ORDER BY r.days DESC, r.first_date LIMIT 1)`,
  ];
  const cutLast = days.to ? Prisma.sql`least(r.last_date, ${days.to}::date - 1)` : Prisma.sql`r.last_date`;
  if (days.from) {
    candidates.push(Prisma.sql`(SELECT ${days.from}::date, ${cutLast} FROM (
      SELECT * FROM stats_artist_runs r0 WHERE r0.user_id = ${userId} AND r0.artist_id = s.artist_id AND r0.first_date < ${days.from}::date
      ORDER BY r0.first_date DESC LIMIT 1) r WHERE r.last_date >= ${days.from}::date)`);
  }
  if (days.to) {
    const cutFirst = days.from ? Prisma.sql`greatest(r.first_date, ${days.from}::date)` : Prisma.sql`r.first_date`;
    candidates.push(Prisma.sql`(SELECT ${cutFirst}, ${days.to}::date - 1 FROM (
      SELECT * FROM stats_artist_runs r0 WHERE r0.user_id = ${userId} AND r0.artist_id = s.artist_id AND r0.first_date < ${days.to}::date
      ORDER BY r0.first_date DESC LIMIT 1) r WHERE r.last_date >= ${days.to}::date)`);
  }
  return Prisma.sql`
    runs AS (
      SELECT s.artist_id, c.first_date, c.last_date
      FROM artist_streams s
      CROSS JOIN LATERAL (${Prisma.join(candidates, " UNION ALL ")}) AS c(first_date, last_date)
    )`;
}

/**
 * Each artist's longest run of consecutive local dates with one of their streams in the range
 * (earliest on ties), ranked by days desc, then the artist's streams in the range desc, name, id.
 */
export function artistStreaksJson(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  const days = plan.days;
  // The probing strategy iterates over the streamed CTE artist_streams.
  const runs = !days ? runsFromPlays(filter, plan) : dayCount(days) <= SHORT_RANGE_DAYS ? runsOverlapping(filter, days) : runsProbed(filter, days);
  return Prisma.sql`
    WITH ${runs},
    best AS (
      SELECT DISTINCT ON (artist_id) artist_id, (last_date - first_date + 1)::bigint AS days, first_date, last_date
      FROM runs ORDER BY artist_id, days DESC, first_date
    )
    ${rankedJson(
      Prisma.sql`SELECT a.id, a.name, b.days, s.streams, to_char(b.first_date, 'YYYY-MM-DD') AS start, to_char(b.last_date, 'YYYY-MM-DD') AS "end"
        FROM best b JOIN artist_streams s ON s.artist_id = b.artist_id JOIN artists a ON a.id = b.artist_id`,
      Prisma.sql`x.days DESC, x.streams DESC, x.name COLLATE "C", x.id COLLATE "C"`,
      filter.limit,
      Prisma.sql`x.id, x.name, x.days, x.start, x."end"`,
    )}`;
}

export function toArtistStreaks(json: unknown): ArtistStreak[] {
  return (json as Row[]).map(([id, name, days, start, end]) => ({ id, name, days: toNumber(days), start, end }));
}

export async function getArtistStreaks(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<ArtistStreak[]> {
  const resolved = await resolvePlan(db, filter, plan);
  const [json] = await queryStreamed(db, filter, resolved, [artistStreaksJson(filter, resolved)]);
  return toArtistStreaks(json);
}
