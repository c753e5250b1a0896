/**
 * Precomputed statistics ("rollups") that let a report over years of plays read thousands of
 * rows instead of millions. They are derived data: `rebuildRollups` recreates them from plays.
 *
 * WHEN CALLERS MUST CALL WHAT
 * - After inserting, updating (ms_played, played_at, track_id — e.g. an import merging into a
 *   recently-played play, or enrichment re-pointing plays from a provisional track) or deleting
 *   plays of a user: `refreshRollups(db | tx, userId, from, to)` where [from, to) covers the
 *   playedAt of every play written or removed (before and after an update). Call it in the same
 *   transaction as the writes when there is one (it takes a per-user advisory lock, so
 *   concurrent runs serialise); `from`/`to` null mean unbounded. Deleting all of a user's plays:
 *   `refreshRollups(db, userId, null, null)`.
 * - After changing a user's time zone: `rebuildRollups(db, userId)` (refreshRollups also rebuilds
 *   by itself when it finds the rollups built in another zone). Until then reports stay exact but
 *   read raw plays.
 * - After changing tracks' duration_ms (it is the ms of plays whose ms_played is null) or their
 *   credited artists (track_artists, e.g. enrichment replacing a provisional artist):
 *   `refreshRollupsForTracks(db, trackIds)`.
 * Other catalogue changes (albums, genres, track counts, names) need nothing: rollups are keyed
 * by track id and reports join the catalogue when they are read.
 *
 * A user without rollups gets exact reports from raw plays (slower). Once a user has rollups,
 * reports trust them: a missed refresh shows stale figures until that window is refreshed (or
 * the user's rollups rebuilt).
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { SESSION_GAP } from "@/lib/stats/sessions";
import { IS_STREAM, PLAY_MS, playedAtBounds, type StatsDb } from "@/lib/stats/sql";

const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30 * 60_000 };
const DAY_MS = 86_400_000;

async function inTransaction(db: StatsDb, work: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
  if ("$transaction" in db) await (db as Db).$transaction(work, TRANSACTION_OPTIONS);
  else await work(db);
}

async function lockUser(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`encore.stats:${userId}`}, 0))::text`;
}

/** Recomputes the user's rollups for plays in [from, to) (null = unbounded); see the module comment. */
export async function refreshRollups(db: StatsDb, userId: string, from: Date | null, to: Date | null): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockUser(tx, userId);
    const users = await tx.$queryRaw<{ time_zone: string; rollup_zone: string | null }[]>`
      SELECT u.time_zone, s.time_zone AS rollup_zone FROM users u LEFT JOIN stats_rollup_state s ON s.user_id = u.id WHERE u.id = ${userId}`;
    const user = users[0];
    if (!user) return;
    if (user.rollup_zone !== user.time_zone || (from === null && to === null)) {
      await rebuild(tx, userId, user.time_zone);
      return;
    }
    await refreshWindow(tx, userId, user.time_zone, from, to);
    await tx.$executeRaw`UPDATE stats_rollup_state SET refreshed_at = now() WHERE user_id = ${userId}`;
  });
}

/** Drops and recomputes all of the user's rollups in the user's current time zone. */
export async function rebuildRollups(db: StatsDb, userId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockUser(tx, userId);
    const users = await tx.$queryRaw<{ time_zone: string }[]>`SELECT time_zone FROM users WHERE id = ${userId}`;
    if (users[0]) await rebuild(tx, userId, users[0].time_zone);
  });
}

/** After tracks' durations or credits changed: refreshes, per user, the span of their plays of those tracks. */
export async function refreshRollupsForTracks(db: StatsDb, trackIds: string[]): Promise<void> {
  if (trackIds.length === 0) return;
  const spans = await db.$queryRaw<{ user_id: string; first_at: Date; last_at: Date }[]>`
    SELECT p.user_id, min(p.played_at) AS first_at, max(p.played_at) AS last_at
    FROM plays p JOIN stats_rollup_state s ON s.user_id = p.user_id
    WHERE p.track_id = ANY(${trackIds}::text[])
    GROUP BY p.user_id`;
  for (const span of spans) await refreshRollups(db, span.user_id, span.first_at, new Date(span.last_at.getTime() + 1));
}

async function rebuild(tx: Prisma.TransactionClient, userId: string, timeZone: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM stats_rollup_state WHERE user_id = ${userId}`;
  await tx.$executeRaw`INSERT INTO stats_rollup_state (user_id, time_zone) VALUES (${userId}, ${timeZone})`;
  await refreshWindow(tx, userId, timeZone, null, null);
}

function dateBounds(column: Prisma.Sql, low: string | null, high: string | null): Prisma.Sql {
  return Prisma.sql`${low ? Prisma.sql`AND ${column} >= ${low}::date` : Prisma.empty} ${high ? Prisma.sql`AND ${column} <= ${high}::date` : Prisma.empty}`;
}

async function refreshWindow(tx: Prisma.TransactionClient, userId: string, timeZone: string, from: Date | null, to: Date | null): Promise<void> {
  // The local dates touched, inclusive; plays are pre-filtered by instant (with 2 days of slack
  // for any UTC offset) so the index on (user_id, played_at) does the work.
  const [dates] = await tx.$queryRaw<{ day_low: string | null; day_high: string | null }[]>`
    SELECT ${from ? Prisma.sql`to_char((${from}::timestamptz AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD')` : Prisma.sql`NULL::text`} AS day_low,
           ${to ? Prisma.sql`to_char((${to}::timestamptz AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD')` : Prisma.sql`NULL::text`} AS day_high`;
  const { day_low: dayLow, day_high: dayHigh } = dates;
  const slackFrom = from ? new Date(from.getTime() - 2 * DAY_MS) : null;
  const slackTo = to ? new Date(to.getTime() + 2 * DAY_MS) : null;
  const localDate = Prisma.sql`(p.played_at AT TIME ZONE ${timeZone})::date`;
  const windowPlays = Prisma.sql`p.user_id = ${userId} ${playedAtBounds(Prisma.sql`p.played_at`, slackFrom, slackTo)} ${dateBounds(localDate, dayLow, dayHigh)}`;

  await tx.$executeRaw`DELETE FROM stats_days d WHERE d.user_id = ${userId} ${dateBounds(Prisma.sql`d.local_date`, dayLow, dayHigh)}`;
  await tx.$executeRaw`
    INSERT INTO stats_days (user_id, local_date, plays, streams, ms_all, ms_streams, known_ms_plays, short_plays)
    SELECT ${userId}, ${localDate}, count(*), count(*) FILTER (WHERE ${IS_STREAM}), sum(${PLAY_MS}),
           COALESCE(sum(${PLAY_MS}) FILTER (WHERE ${IS_STREAM}), 0), count(p.ms_played), count(*) FILTER (WHERE p.ms_played < 30000)
    FROM plays p JOIN tracks t ON t.id = p.track_id
    WHERE ${windowPlays}
    GROUP BY 2`;

  await tx.$executeRaw`DELETE FROM stats_hour_buckets h WHERE h.user_id = ${userId} AND h.grain = 'd' ${dateBounds(Prisma.sql`h.bucket`, dayLow, dayHigh)}`;
  await tx.$executeRaw`
    INSERT INTO stats_hour_buckets (user_id, grain, bucket, isodow, hour, streams)
    SELECT ${userId}, 'd', ${localDate}, extract(isodow FROM p.played_at AT TIME ZONE ${timeZone}),
           extract(hour FROM p.played_at AT TIME ZONE ${timeZone}), count(*)
    FROM plays p
    WHERE ${windowPlays} AND ${IS_STREAM}
    GROUP BY 3, 4, 5`;

  await tx.$executeRaw`DELETE FROM stats_track_buckets b WHERE b.user_id = ${userId} AND b.grain = 'd' ${dateBounds(Prisma.sql`b.bucket`, dayLow, dayHigh)}`;
  await tx.$executeRaw`
    INSERT INTO stats_track_buckets (user_id, grain, bucket, track_id, streams, ms)
    SELECT ${userId}, 'd', ${localDate}, p.track_id, count(*), sum(${PLAY_MS})
    FROM plays p JOIN tracks t ON t.id = p.track_id
    WHERE ${windowPlays} AND ${IS_STREAM}
    GROUP BY 3, 4`;
  // Months from days, years from months, all time from years: only the buckets containing the
  // touched dates (all time: one row per track or weekday-hour, recomputed from the years).
  for (const rollup of [
    { table: Prisma.sql`stats_track_buckets`, key: Prisma.sql`track_id`, sums: Prisma.sql`sum(b.streams), sum(b.ms)`, values: Prisma.sql`streams, ms` },
    { table: Prisma.sql`stats_hour_buckets`, key: Prisma.sql`isodow, hour`, sums: Prisma.sql`sum(b.streams)`, values: Prisma.sql`streams` },
  ]) {
    for (const [grain, finer, unit] of [
      ["m", "d", "month"],
      ["y", "m", "year"],
    ] as const) {
      const low = dayLow ? Prisma.sql`date_trunc(${unit}, ${dayLow}::date::timestamp)::date` : null;
      const high = dayHigh ? Prisma.sql`date_trunc(${unit}, ${dayHigh}::date::timestamp)::date` : null;
      const bounds = (column: Prisma.Sql, finerBuckets: boolean) =>
        Prisma.sql`${low ? Prisma.sql`AND ${column} >= ${low}` : Prisma.empty} ${
          high ? (finerBuckets ? Prisma.sql`AND ${column} < (${high}::timestamp + ${`1 ${unit}`}::interval)::date` : Prisma.sql`AND ${column} <= ${high}`) : Prisma.empty
        }`;
      await tx.$executeRaw`DELETE FROM ${rollup.table} b WHERE b.user_id = ${userId} AND b.grain = ${grain} ${bounds(Prisma.sql`b.bucket`, false)}`;
      await tx.$executeRaw`
        INSERT INTO ${rollup.table} (user_id, grain, bucket, ${rollup.key}, ${rollup.values})
        SELECT ${userId}, ${grain}, date_trunc(${unit}, b.bucket::timestamp)::date, ${rollup.key}, ${rollup.sums}
        FROM ${rollup.table} b
        WHERE b.user_id = ${userId} AND b.grain = ${finer} ${bounds(Prisma.sql`b.bucket`, true)}
        GROUP BY 3, ${rollup.key}`;
    }
    await tx.$executeRaw`DELETE FROM ${rollup.table} b WHERE b.user_id = ${userId} AND b.grain = 'a'`;
    await tx.$executeRaw`
      INSERT INTO ${rollup.table} (user_id, grain, bucket, ${rollup.key}, ${rollup.values})
      SELECT ${userId}, 'a', DATE '0001-01-01', ${rollup.key}, ${rollup.sums}
      FROM ${rollup.table} b WHERE b.user_id = ${userId} AND b.grain = 'y'
      GROUP BY ${rollup.key}`;
  }

  await refreshArtistDays(tx, userId, dayLow, dayHigh);

  // First streams: tracks streamed in the window, and tracks whose first stream was in it (deleted plays).
  const windowInstants = (column: Prisma.Sql) => playedAtBounds(column, from, to);
  await tx.$executeRaw`
    INSERT INTO stats_track_first_streams (user_id, track_id, first_stream_at)
    SELECT ${userId}, affected.track_id,
           (SELECT min(p.played_at) FROM plays p WHERE p.user_id = ${userId} AND p.track_id = affected.track_id AND ${IS_STREAM}) AS first_at
    FROM (
      SELECT DISTINCT p.track_id FROM plays p WHERE p.user_id = ${userId} AND ${IS_STREAM} ${windowInstants(Prisma.sql`p.played_at`)}
      UNION
      SELECT f.track_id FROM stats_track_first_streams f WHERE f.user_id = ${userId} ${windowInstants(Prisma.sql`f.first_stream_at`)}
    ) affected
    WHERE EXISTS (SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = affected.track_id AND ${IS_STREAM})
    ON CONFLICT (user_id, track_id) DO UPDATE SET first_stream_at = EXCLUDED.first_stream_at`;
  await tx.$executeRaw`
    DELETE FROM stats_track_first_streams f
    WHERE f.user_id = ${userId} ${windowInstants(Prisma.sql`f.first_stream_at`)}
      AND NOT EXISTS (SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = f.track_id AND ${IS_STREAM})`;

  // Sessions: every stored session within 30 min of the window may merge with or split around
  // the changed plays; recompute the plays of those sessions and of the window. The play before
  // (after) that span is more than 30 min away, so the recomputed sessions are exact.
  const nearFrom = from ? Prisma.sql`AND s.end_at >= ${from}::timestamptz - ${SESSION_GAP}` : Prisma.empty;
  const nearTo = to ? Prisma.sql`AND s.start_at <= ${to}::timestamptz + ${SESSION_GAP}` : Prisma.empty;
  const [span] = await tx.$queryRaw<{ first_at: Date | null; last_at: Date | null }[]>`
    SELECT min(s.start_at) AS first_at, max(s.end_at) AS last_at FROM stats_sessions s WHERE s.user_id = ${userId} ${nearFrom} ${nearTo}`;
  await tx.$executeRaw`DELETE FROM stats_sessions s WHERE s.user_id = ${userId} ${nearFrom} ${nearTo}`;
  const spanFrom = from && span.first_at && span.first_at < from ? span.first_at : from;
  const spanTo = to && span.last_at && span.last_at >= to ? span.last_at : to;
  await tx.$executeRaw`
    WITH ordered AS (
      SELECT p.played_at, ${PLAY_MS} AS ms, lag(p.played_at) OVER (ORDER BY p.played_at) AS previous_at
      FROM plays p JOIN tracks t ON t.id = p.track_id
      WHERE p.user_id = ${userId}
        ${spanFrom ? Prisma.sql`AND p.played_at >= ${spanFrom}` : Prisma.empty}
        ${spanTo ? Prisma.sql`AND p.played_at <= ${spanTo}` : Prisma.empty}
    ),
    numbered AS (
      SELECT played_at, ms,
             count(*) FILTER (WHERE previous_at IS NULL OR played_at - previous_at > ${SESSION_GAP})
               OVER (ORDER BY played_at ROWS UNBOUNDED PRECEDING) AS session
      FROM ordered
    )
    INSERT INTO stats_sessions (user_id, start_at, end_at, plays, ms)
    SELECT ${userId}, min(played_at), max(played_at), count(*), sum(ms) FROM numbered GROUP BY session`;
  await tx.$executeRaw`
    UPDATE stats_rollup_state st SET session_count = totals.count, session_plays = totals.plays, session_ms = totals.ms
    FROM (SELECT count(*) AS count, COALESCE(sum(plays), 0) AS plays, COALESCE(sum(ms), 0) AS ms FROM stats_sessions WHERE user_id = ${userId}) totals
    WHERE st.user_id = ${userId}`;
}

/**
 * Artist days of the touched dates from the day buckets and current credits, then the runs of
 * every artist whose days changed, recomputed from all of that artist's days.
 */
async function refreshArtistDays(tx: Prisma.TransactionClient, userId: string, dayLow: string | null, dayHigh: string | null): Promise<void> {
  const before = await tx.$queryRaw<{ artist_id: string }[]>`
    SELECT DISTINCT ad.artist_id FROM stats_artist_days ad WHERE ad.user_id = ${userId} ${dateBounds(Prisma.sql`ad.local_date`, dayLow, dayHigh)}`;
  await tx.$executeRaw`DELETE FROM stats_artist_days ad WHERE ad.user_id = ${userId} ${dateBounds(Prisma.sql`ad.local_date`, dayLow, dayHigh)}`;
  await tx.$executeRaw`
    INSERT INTO stats_artist_days (user_id, artist_id, local_date)
    SELECT DISTINCT ${userId}, ta.artist_id, b.bucket
    FROM stats_track_buckets b JOIN track_artists ta ON ta.track_id = b.track_id
    WHERE b.user_id = ${userId} AND b.grain = 'd' ${dateBounds(Prisma.sql`b.bucket`, dayLow, dayHigh)}`;
  const after = await tx.$queryRaw<{ artist_id: string }[]>`
    SELECT DISTINCT ad.artist_id FROM stats_artist_days ad WHERE ad.user_id = ${userId} ${dateBounds(Prisma.sql`ad.local_date`, dayLow, dayHigh)}`;
  const artists = [...new Set([...before, ...after].map((row) => row.artist_id))];
  if (artists.length === 0) return;
  const whole = dayLow === null && dayHigh === null;
  const which = whole ? Prisma.empty : Prisma.sql`AND artist_id = ANY(${artists}::text[])`;
  await tx.$executeRaw`DELETE FROM stats_artist_runs WHERE user_id = ${userId} ${which}`;
  await tx.$executeRaw`
    INSERT INTO stats_artist_runs (user_id, artist_id, first_date, last_date, days)
    SELECT ${userId}, artist_id, min(local_date), max(local_date), count(*)
    FROM (
      SELECT artist_id, local_date, local_date - (row_number() OVER (PARTITION BY artist_id ORDER BY local_date))::int AS island
      FROM stats_artist_days WHERE user_id = ${userId} ${which}
    ) islands
    GROUP BY artist_id, island`;
}
