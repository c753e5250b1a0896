/**
 * The row sets every statistic is computed from, each as a subquery that reads either raw plays
 * or the rollups (when the plan says they answer exactly). Both forms yield the same columns.
 */
import { Prisma } from "@/lib/db/generated/client";
import { bucketSpans, monthSpans, type BucketSpan } from "@/lib/stats/buckets";
import type { StatsPlan } from "@/lib/stats/plan";
import { IS_STREAM, PLAY_MS, playedAtBounds } from "@/lib/stats/sql";
import type { LocalDate, StatsFilter } from "@/lib/stats/types";

/** The local dates [from, to) of a plan whose rollups answer (StatsPlan.days). */
type RolledUpDays = NonNullable<StatsPlan["days"]>;

const PLAYED_AT = Prisma.sql`p.played_at`;

function localDateBounds(column: Prisma.Sql, from: LocalDate | null, to: LocalDate | null): Prisma.Sql {
  return Prisma.sql`${from ? Prisma.sql`AND ${column} >= ${from}::date` : Prisma.empty} ${to ? Prisma.sql`AND ${column} < ${to}::date` : Prisma.empty}`;
}

/** `(grain = .. AND bucket in span) OR ...` for a bucketed rollup aliased `alias`. */
function bucketConditions(alias: Prisma.Sql, spans: BucketSpan[]): Prisma.Sql {
  const conditions = spans.map(
    (span) => Prisma.sql`(${alias}.grain = ${span.grain} ${localDateBounds(Prisma.sql`${alias}.bucket`, span.from, span.to)})`,
  );
  return Prisma.join(conditions, " OR ");
}

/**
 * The buckets that tile the local dates [from, to) exactly (lib/stats/buckets.ts), as one
 * condition on a bucketed rollup aliased `alias`; false for an empty range.
 */
export function inBuckets(alias: Prisma.Sql, from: LocalDate | null, to: LocalDate | null): Prisma.Sql {
  const spans = bucketSpans(from, to);
  return spans.length === 0 ? Prisma.sql`false` : Prisma.sql`(${bucketConditions(alias, spans)})`;
}

/**
 * Streams per track in the range: (track_id, streams, ms); with `trackIds` (a text[] expression),
 * of those tracks only.
 */
export function trackStreams(filter: StatsFilter, plan: StatsPlan, trackIds?: Prisma.Sql): Prisma.Sql {
  const bucketTracks = trackIds ? Prisma.sql`AND b.track_id = ANY(${trackIds})` : Prisma.empty;
  if (plan.days) {
    const spans = bucketSpans(plan.days.from, plan.days.to);
    if (spans.length === 0) return Prisma.sql`SELECT NULL::text AS track_id, 0::bigint AS streams, 0::bigint AS ms WHERE false`;
    if (spans.length === 1 && spans[0].grain === "a") {
      // All time: one bucket per track already (the primary key), nothing to add up.
      return Prisma.sql`SELECT b.track_id, b.streams::bigint AS streams, b.ms FROM stats_track_buckets b WHERE b.user_id = ${filter.userId} AND b.grain = 'a' ${bucketTracks}`;
    }
    return Prisma.sql`
      SELECT b.track_id, sum(b.streams)::bigint AS streams, sum(b.ms)::bigint AS ms
      FROM stats_track_buckets b
      WHERE b.user_id = ${filter.userId} AND (${bucketConditions(Prisma.sql`b`, spans)}) ${bucketTracks}
      GROUP BY b.track_id`;
  }
  return Prisma.sql`
    SELECT p.track_id, count(*)::bigint AS streams, sum(${PLAY_MS})::bigint AS ms
    FROM plays p JOIN tracks t ON t.id = p.track_id
    WHERE p.user_id = ${filter.userId} AND ${IS_STREAM} ${playedAtBounds(PLAYED_AT, filter.from, filter.to)}
      ${trackIds ? Prisma.sql`AND p.track_id = ANY(${trackIds})` : Prisma.empty}
    GROUP BY p.track_id`;
}

/** The local dates [from, to) split into day spans and month/year/all-time spans. */
function daySpansApart(days: RolledUpDays): { daySpans: BucketSpan[]; coarseSpans: BucketSpan[] } {
  const spans = bucketSpans(days.from, days.to);
  return { daySpans: spans.filter((span) => span.grain === "d"), coarseSpans: spans.filter((span) => span.grain !== "d") };
}

/**
 * Streams per artist in local dates the rollups answer (each credited artist once per stream,
 * FIRST_CREDIT): (artist_id, streams, ms). Whole months, years and all time read the artist
 * buckets, one row per artist and bucket; the days of partial months read the track day buckets
 * and the credits.
 */
export function artistStreams(userId: string, days: RolledUpDays): Prisma.Sql {
  const { daySpans, coarseSpans } = daySpansApart(days);
  if (daySpans.length === 0 && coarseSpans.length === 1 && coarseSpans[0].grain === "a") {
    // All time: one bucket per artist already (the primary key), nothing to add up.
    return Prisma.sql`SELECT a.artist_id, a.streams::bigint AS streams, a.ms FROM stats_artist_buckets a WHERE a.user_id = ${userId} AND a.grain = 'a'`;
  }
  const parts: Prisma.Sql[] = [Prisma.sql`SELECT NULL::text AS artist_id, 0::bigint AS streams, 0::bigint AS ms WHERE false`];
  if (coarseSpans.length > 0) {
    parts.push(Prisma.sql`
      SELECT a.artist_id, a.streams::bigint, a.ms FROM stats_artist_buckets a
      WHERE a.user_id = ${userId} AND (${bucketConditions(Prisma.sql`a`, coarseSpans)})`);
  }
  if (daySpans.length > 0) {
    parts.push(Prisma.sql`
      SELECT c.artist_id, b.streams::bigint, b.ms FROM stats_track_buckets b JOIN track_artists c ON c.track_id = b.track_id
      WHERE b.user_id = ${userId} AND (${bucketConditions(Prisma.sql`b`, daySpans)}) AND ${FIRST_CREDIT}`);
  }
  return Prisma.sql`
    SELECT x.artist_id, sum(x.streams)::bigint AS streams, sum(x.ms)::bigint AS ms
    FROM (${Prisma.join(parts, " UNION ALL ")}) x
    GROUP BY x.artist_id`;
}

/**
 * All streams in local dates the rollups answer: (streams). Whole months, years and all time
 * from the hour buckets (at most 168 rows a bucket), the days of partial months from the day rows.
 */
export function rolledUpStreamTotal(userId: string, days: RolledUpDays): Prisma.Sql {
  const { daySpans, coarseSpans } = daySpansApart(days);
  const parts: Prisma.Sql[] = [Prisma.sql`SELECT 0::bigint AS streams`];
  if (coarseSpans.length > 0) {
    parts.push(Prisma.sql`SELECT h.streams::bigint FROM stats_hour_buckets h WHERE h.user_id = ${userId} AND (${bucketConditions(Prisma.sql`h`, coarseSpans)})`);
  }
  for (const span of daySpans) {
    parts.push(Prisma.sql`SELECT d.streams::bigint FROM stats_days d WHERE d.user_id = ${userId} ${localDateBounds(Prisma.sql`d.local_date`, span.from, span.to)}`);
  }
  return Prisma.sql`SELECT sum(x.streams)::bigint AS streams FROM (${Prisma.join(parts, " UNION ALL ")}) x`;
}

/**
 * Rows (track_id, month (its first local date), streams, ms) of the tracks in `trackIds` (a text[]
 * expression) in the range from raw plays, one row per stream, to be added up per month (where
 * the rollups answer, artistMonthRows reads buckets instead).
 */
export function trackMonthRows(filter: StatsFilter, trackIds: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT p.track_id, date_trunc('month', p.played_at AT TIME ZONE ${filter.timeZone})::date AS month, 1::bigint AS streams, (${PLAY_MS})::bigint AS ms
    FROM plays p JOIN tracks t ON t.id = p.track_id
    WHERE p.user_id = ${filter.userId} AND p.track_id = ANY(${trackIds}) AND ${IS_STREAM} ${playedAtBounds(PLAYED_AT, filter.from, filter.to)}`;
}

/**
 * Rows (artist_id, month (its first local date), streams, ms) of the artists in `artistIds` in
 * local dates the rollups answer, to be added up per artist and month (each credited artist once
 * per stream): the artist month buckets of whole months, the track day buckets of the days of
 * partial months.
 */
export function artistMonthRows(userId: string, days: RolledUpDays, artistIds: string[]): Prisma.Sql {
  const spans = monthSpans(days.from, days.to);
  const monthSpansOnly = spans.filter((span) => span.grain === "m");
  const daySpans = spans.filter((span) => span.grain === "d");
  const parts: Prisma.Sql[] = [Prisma.sql`SELECT NULL::text AS artist_id, NULL::date AS month, 0::bigint AS streams, 0::bigint AS ms WHERE false`];
  if (monthSpansOnly.length > 0) {
    parts.push(Prisma.sql`
      SELECT a.artist_id, a.bucket, a.streams::bigint, a.ms FROM stats_artist_buckets a
      WHERE a.user_id = ${userId} AND a.artist_id = ANY(${artistIds}::text[]) AND (${bucketConditions(Prisma.sql`a`, monthSpansOnly)})`);
  }
  if (daySpans.length > 0) {
    parts.push(Prisma.sql`
      SELECT c.artist_id, date_trunc('month', b.bucket::timestamp)::date, b.streams::bigint, b.ms
      FROM (SELECT DISTINCT ta.artist_id, ta.track_id FROM track_artists ta WHERE ta.artist_id = ANY(${artistIds}::text[])) c
        JOIN stats_track_buckets b ON b.track_id = c.track_id
      WHERE b.user_id = ${userId} AND (${bucketConditions(Prisma.sql`b`, daySpans)})`);
  }
  return Prisma.join(parts, " UNION ALL ");
}

/** Streams per track and local date in the range: (track_id, local_date, streams). */
export function trackDays(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  if (plan.days) {
    return Prisma.sql`
      SELECT b.track_id, b.bucket AS local_date, b.streams::bigint AS streams
      FROM stats_track_buckets b
      WHERE b.user_id = ${filter.userId} AND b.grain = 'd' ${localDateBounds(Prisma.sql`b.bucket`, plan.days.from, plan.days.to)}`;
  }
  return Prisma.sql`
    SELECT p.track_id, (p.played_at AT TIME ZONE ${filter.timeZone})::date AS local_date, count(*)::bigint AS streams
    FROM plays p
    WHERE p.user_id = ${filter.userId} AND ${IS_STREAM} ${playedAtBounds(PLAYED_AT, filter.from, filter.to)}
    GROUP BY 1, 2`;
}

/**
 * Per local date with a play in the range:
 * (local_date, plays, streams, ms_all, ms_streams, known_ms_plays, short_plays).
 */
export function dailyTotals(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  if (plan.days) {
    return Prisma.sql`
      SELECT d.local_date, d.plays::bigint AS plays, d.streams::bigint AS streams, d.ms_all, d.ms_streams,
             d.known_ms_plays::bigint AS known_ms_plays, d.short_plays::bigint AS short_plays
      FROM stats_days d
      WHERE d.user_id = ${filter.userId} ${localDateBounds(Prisma.sql`d.local_date`, plan.days.from, plan.days.to)}`;
  }
  return Prisma.sql`
    SELECT (p.played_at AT TIME ZONE ${filter.timeZone})::date AS local_date,
           count(*)::bigint AS plays,
           count(*) FILTER (WHERE ${IS_STREAM})::bigint AS streams,
           sum(${PLAY_MS})::bigint AS ms_all,
           COALESCE(sum(${PLAY_MS}) FILTER (WHERE ${IS_STREAM}), 0)::bigint AS ms_streams,
           count(p.ms_played)::bigint AS known_ms_plays,
           count(*) FILTER (WHERE p.ms_played < 30000)::bigint AS short_plays
    FROM plays p JOIN tracks t ON t.id = p.track_id
    WHERE p.user_id = ${filter.userId} ${playedAtBounds(PLAYED_AT, filter.from, filter.to)}
    GROUP BY 1`;
}

/** Streams per ISO weekday (1 = Monday) and local hour in the range: (isodow, hour, streams). */
export function hourlyStreams(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  if (plan.days) {
    const spans = bucketSpans(plan.days.from, plan.days.to);
    if (spans.length === 0) return Prisma.sql`SELECT 1 AS isodow, 0 AS hour, 0::bigint AS streams WHERE false`;
    return Prisma.sql`
      SELECT h.isodow::int AS isodow, h.hour::int AS hour, sum(h.streams)::bigint AS streams
      FROM stats_hour_buckets h
      WHERE h.user_id = ${filter.userId} AND (${bucketConditions(Prisma.sql`h`, spans)})
      GROUP BY 1, 2`;
  }
  return Prisma.sql`
    SELECT extract(isodow FROM p.played_at AT TIME ZONE ${filter.timeZone})::int AS isodow,
           extract(hour FROM p.played_at AT TIME ZONE ${filter.timeZone})::int AS hour,
           count(*)::bigint AS streams
    FROM plays p
    WHERE p.user_id = ${filter.userId} AND ${IS_STREAM} ${playedAtBounds(PLAYED_AT, filter.from, filter.to)}
    GROUP BY 1, 2`;
}

/** The user's first stream ever of each track, all time: (track_id, first_stream_at). */
export function trackFirstStreams(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  if (plan.rolledUp) {
    return Prisma.sql`SELECT f.track_id, f.first_stream_at FROM stats_track_first_streams f WHERE f.user_id = ${filter.userId}`;
  }
  return Prisma.sql`
    SELECT p.track_id, min(p.played_at) AS first_stream_at
    FROM plays p
    WHERE p.user_id = ${filter.userId} AND ${IS_STREAM}
    GROUP BY p.track_id`;
}

/**
 * On a track_artists row aliased `c`: the artist's first credit on its track, so an artist
 * credited twice on one track counts once (an anti-join, cheaper than DISTINCT over the credits).
 */
export const FIRST_CREDIT = Prisma.sql`NOT EXISTS (
  SELECT 1 FROM track_artists earlier WHERE earlier.track_id = c.track_id AND earlier.artist_id = c.artist_id AND earlier.position < c.position)`;

/**
 * Distinct (track_id, artist_id) credits of the tracks in CTE `ts` (an artist credited twice on
 * one track counts once), as a CTE body.
 */
export const CREDITS_OF_TS = Prisma.sql`SELECT DISTINCT ta.track_id, ta.artist_id FROM track_artists ta JOIN ts ON ts.track_id = ta.track_id`;
