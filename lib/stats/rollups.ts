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
import { isTopLevelClient } from "@/lib/db/client";
import { inPlainTransaction } from "@/lib/db/plain-transaction";
import { Prisma } from "@/lib/db/generated/client";
import { numberedSessionPlays, SESSION_GAP } from "@/lib/stats/sessions";
import { FIRST_CREDIT } from "@/lib/stats/sources";
import { IS_STREAM, PLAY_MS, playedAtBounds, type StatsDb } from "@/lib/stats/sql";

const DAY_MS = 86_400_000;

/**
 * In the caller's transaction when given one; given the client itself, in a plain transaction
 * on a connection of its own (a rebuild can take half a minute: see lib/db/plain-transaction.ts
 * for why not Prisma's interactive transaction).
 */
async function inTransaction(db: StatsDb, work: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
  if (isTopLevelClient(db)) await inPlainTransaction(db, work);
  else await work(db);
}

/**
 * Serialises refreshes of one user. The callers then read the user's row FOR KEY SHARE: the
 * rollup tables have no foreign keys, and that lock keeps the user (and with it, through the
 * trigger on stats_rollup_state, the rollup rows) from being deleted under a refresh.
 */
async function lockUser(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`encore.stats:${userId}`}, 0))::text`;
}

/** Recomputes the user's rollups for plays in [from, to) (null = unbounded); see the module comment. */
export async function refreshRollups(db: StatsDb, userId: string, from: Date | null, to: Date | null): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockUser(tx, userId);
    const users = await tx.$queryRaw<{ time_zone: string; rollup_zone: string | null }[]>`
      SELECT u.time_zone, s.time_zone AS rollup_zone FROM users u LEFT JOIN stats_rollup_state s ON s.user_id = u.id WHERE u.id = ${userId}
      FOR KEY SHARE OF u`;
    const user = users[0];
    if (!user) return;
    if (user.rollup_zone !== user.time_zone || (from === null && to === null)) {
      await rebuild(tx, userId, user.time_zone);
      return;
    }
    await refreshWindow(tx, userId, user.time_zone, from, to);
  });
}

/** Drops and recomputes all of the user's rollups in the user's current time zone. */
export async function rebuildRollups(db: StatsDb, userId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockUser(tx, userId);
    const users = await tx.$queryRaw<{ time_zone: string }[]>`SELECT time_zone FROM users WHERE id = ${userId} FOR KEY SHARE`;
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
    GROUP BY p.user_id
    -- Users' locks are taken in one order, so two of these at once cannot deadlock.
    ORDER BY p.user_id`;
  for (const span of spans) await refreshRollups(db, span.user_id, span.first_at, new Date(span.last_at.getTime() + 1));
}

/**
 * Drops the user's rollups (the state row cascades to every rollup table) and recomputes them
 * with plain INSERT ... SELECT: no ON CONFLICT, no differences against old rows. Day and month
 * buckets, and artist runs (by last date), are written in date order, so a range's rows share
 * heap pages (a four-week report read ~6,000 pages for ~6,000 day buckets written in hash order,
 * ~100 in date order). Day rows and
 * day buckets are aggregated from one pass over the plays; month, year and all-time buckets from
 * the day buckets; artist buckets from the track month buckets and the credits (each artist
 * once per track); artist runs from the artist days, all in one statement.
 */
async function rebuild(tx: Prisma.TransactionClient, userId: string, timeZone: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM stats_rollup_state WHERE user_id = ${userId}`;
  await tx.$executeRaw`INSERT INTO stats_rollup_state (user_id, time_zone) VALUES (${userId}, ${timeZone})`;
  // The per-track aggregates of a big history outgrow the default work_mem and spill to disk.
  await tx.$executeRaw`SELECT set_config('work_mem', '64MB', true)`;
  await tx.$executeRaw`
    WITH window_plays AS MATERIALIZED (
      SELECT (p.played_at AT TIME ZONE ${timeZone})::date AS day, extract(isodow FROM p.played_at AT TIME ZONE ${timeZone})::int AS isodow,
             extract(hour FROM p.played_at AT TIME ZONE ${timeZone})::int AS hour, p.track_id, p.ms_played,
             ${IS_STREAM} AS stream, ${PLAY_MS} AS ms
      FROM plays p JOIN tracks t ON t.id = p.track_id
      WHERE p.user_id = ${userId}
    ),
    put_days AS (
      INSERT INTO stats_days (user_id, local_date, plays, streams, ms_all, ms_streams, known_ms_plays, short_plays)
      SELECT ${userId}, day, count(*), count(*) FILTER (WHERE stream), sum(ms), COALESCE(sum(ms) FILTER (WHERE stream), 0),
             count(ms_played), count(*) FILTER (WHERE ms_played < 30000)
      FROM window_plays GROUP BY day
    ),
    day_tracks AS MATERIALIZED (
      SELECT day, track_id, count(*) AS streams, sum(ms) AS ms FROM window_plays WHERE stream GROUP BY day, track_id
    ),
    month_tracks AS MATERIALIZED (
      SELECT date_trunc('month', day::timestamp)::date AS month, track_id, sum(streams) AS streams, sum(ms) AS ms FROM day_tracks GROUP BY 1, 2
    ),
    put_tracks AS (
      INSERT INTO stats_track_buckets (user_id, grain, bucket, track_id, streams, ms)
      (SELECT ${userId}, 'd', day, track_id, streams, ms FROM day_tracks ORDER BY day)
      UNION ALL
      (SELECT ${userId}, 'm', month, track_id, streams, ms FROM month_tracks ORDER BY month)
      UNION ALL
      SELECT ${userId}, 'y', date_trunc('year', month::timestamp)::date, track_id, sum(streams), sum(ms) FROM month_tracks GROUP BY 3, 4
      UNION ALL
      SELECT ${userId}, 'a', DATE '0001-01-01', track_id, sum(streams), sum(ms) FROM month_tracks GROUP BY 4
    ),
    artist_months AS MATERIALIZED (
      SELECT m.month, c.artist_id, sum(m.streams) AS streams, sum(m.ms) AS ms
      FROM month_tracks m JOIN track_artists c ON c.track_id = m.track_id
      WHERE ${FIRST_CREDIT}
      GROUP BY 1, 2
    ),
    put_artist_buckets AS (
      INSERT INTO stats_artist_buckets (user_id, grain, bucket, artist_id, streams, ms)
      (SELECT ${userId}, 'm', month, artist_id, streams, ms FROM artist_months ORDER BY month)
      UNION ALL
      SELECT ${userId}, 'y', date_trunc('year', month::timestamp)::date, artist_id, sum(streams), sum(ms) FROM artist_months GROUP BY 3, 4
      UNION ALL
      SELECT ${userId}, 'a', DATE '0001-01-01', artist_id, sum(streams), sum(ms) FROM artist_months GROUP BY 4
    ),
    day_hours AS MATERIALIZED (
      SELECT day, isodow, hour, count(*) AS streams FROM window_plays WHERE stream GROUP BY day, isodow, hour
    ),
    put_hours AS (
      INSERT INTO stats_hour_buckets (user_id, grain, bucket, isodow, hour, streams)
      (SELECT ${userId}, 'd', day, isodow, hour, streams FROM day_hours ORDER BY day)
      UNION ALL
      SELECT ${userId}, 'm', date_trunc('month', day::timestamp)::date, isodow, hour, sum(streams) FROM day_hours GROUP BY 3, 4, 5
      UNION ALL
      SELECT ${userId}, 'y', date_trunc('year', day::timestamp)::date, isodow, hour, sum(streams) FROM day_hours GROUP BY 3, 4, 5
      UNION ALL
      SELECT ${userId}, 'a', DATE '0001-01-01', isodow, hour, sum(streams) FROM day_hours GROUP BY 4, 5
    ),
    artist_days AS MATERIALIZED (
      SELECT DISTINCT ta.artist_id, d.day AS local_date FROM day_tracks d JOIN track_artists ta ON ta.track_id = d.track_id
    ),
    put_artist_days AS (
      INSERT INTO stats_artist_days (user_id, artist_id, local_date) SELECT ${userId}, artist_id, local_date FROM artist_days
    ),
    put_artist_firsts AS (
      INSERT INTO stats_artist_firsts (user_id, artist_id, first_date) SELECT ${userId}, artist_id, min(local_date) FROM artist_days GROUP BY artist_id
    )
    INSERT INTO stats_artist_runs (user_id, artist_id, first_date, last_date, days)
    SELECT ${userId}, artist_id, min(local_date), max(local_date), count(*)
    FROM (
      SELECT artist_id, local_date, local_date - (row_number() OVER (PARTITION BY artist_id ORDER BY local_date))::int AS island FROM artist_days
    ) islands
    GROUP BY artist_id, island
    ORDER BY max(local_date)`;
  await tx.$executeRaw`
    INSERT INTO stats_track_first_streams (user_id, track_id, first_stream_at)
    SELECT ${userId}, p.track_id, min(p.played_at) FROM plays p WHERE p.user_id = ${userId} AND ${IS_STREAM} GROUP BY p.track_id`;
  await tx.$executeRaw`
    WITH ${numberedSessionPlays(userId, Prisma.empty)},
    added AS (
      INSERT INTO stats_sessions (user_id, start_at, end_at, plays, ms)
      SELECT ${userId}, min(played_at), max(played_at), count(*), sum(ms) FROM numbered GROUP BY session
      RETURNING plays, ms
    )
    UPDATE stats_rollup_state st
    SET session_count = totals.count, session_plays = totals.plays, session_ms = totals.ms, refreshed_at = now()
    FROM (SELECT count(*)::int AS count, COALESCE(sum(plays), 0)::bigint AS plays, COALESCE(sum(ms), 0)::bigint AS ms FROM added) totals
    WHERE st.user_id = ${userId}`;
}

function dateBounds(column: Prisma.Sql, low: Prisma.Sql | null, high: Prisma.Sql | null): Prisma.Sql {
  return Prisma.sql`${low ? Prisma.sql`AND ${column} >= ${low}` : Prisma.empty} ${high ? Prisma.sql`AND ${column} <= ${high}` : Prisma.empty}`;
}

type WindowChanges = {
  /** Keys of month/year/all-time (and day) buckets whose streams fell to 0: rows to delete. */
  zero_tracks: [string, string, string][] | null;
  zero_hours: [string, string, number, number][] | null;
  /** Per artist whose days changed: the span of days whose runs must be recomputed. */
  run_spans: { artist_id: string; lo: string; hi: string }[] | null;
};

/**
 * Recomputes the rollups of the local dates touched by [from, to) (at most one bound null; a
 * rebuild has its own path). Day rows are recomputed from the plays of those dates; the
 * month, year and all-time buckets receive the difference between the new and the old day rows
 * (applied through their primary keys, so a refresh of one day never reads a year's buckets),
 * and rows that fall to zero streams are deleted. Artist buckets are recomputed for the months
 * touched (refreshArtistBuckets). Artist runs are recomputed only around the changed artist
 * days, and with them the artists' first dates. About nine statements in all, whatever the
 * window.
 */
async function refreshWindow(tx: Prisma.TransactionClient, userId: string, timeZone: string, from: Date | null, to: Date | null): Promise<void> {
  // The local dates touched, inclusive (computed by PostgreSQL, whose zone data the reports use);
  // plays are pre-filtered by instant (with 2 days of slack for any UTC offset) so the index on
  // (user_id, played_at) does the work.
  const dayLow = from ? Prisma.sql`(${from}::timestamptz AT TIME ZONE ${timeZone})::date` : null;
  const dayHigh = to ? Prisma.sql`(${to}::timestamptz AT TIME ZONE ${timeZone})::date` : null;
  const slackFrom = from ? new Date(from.getTime() - 2 * DAY_MS) : null;
  const slackTo = to ? new Date(to.getTime() + 2 * DAY_MS) : null;
  const localDate = Prisma.sql`(p.played_at AT TIME ZONE ${timeZone})::date`;
  const windowPlays = Prisma.sql`p.user_id = ${userId} ${playedAtBounds(Prisma.sql`p.played_at`, slackFrom, slackTo)} ${dateBounds(localDate, dayLow, dayHigh)}`;
  const grains = (bucket: Prisma.Sql) =>
    Prisma.sql`(VALUES ('d', ${bucket}), ('m', date_trunc('month', ${bucket}::timestamp)::date), ('y', date_trunc('year', ${bucket}::timestamp)::date), ('a', DATE '0001-01-01'))`;
  // Runs of a changed artist that touch [dayLow - 1, dayHigh + 1] may merge or split; the others
  // are separated from the window by a day without the artist and stay as they are.
  const runsNearWindow = Prisma.sql`${dayLow ? Prisma.sql`AND r.last_date >= ${dayLow} - 1` : Prisma.empty} ${dayHigh ? Prisma.sql`AND r.first_date <= ${dayHigh} + 1` : Prisma.empty}`;

  const [changes] = await tx.$queryRaw<WindowChanges[]>`
    WITH window_plays AS MATERIALIZED (
      SELECT ${localDate} AS day, extract(isodow FROM p.played_at AT TIME ZONE ${timeZone})::int AS isodow,
             extract(hour FROM p.played_at AT TIME ZONE ${timeZone})::int AS hour, p.track_id, p.ms_played,
             ${IS_STREAM} AS stream, ${PLAY_MS} AS ms
      FROM plays p JOIN tracks t ON t.id = p.track_id
      WHERE ${windowPlays}
    ),
    fresh_days AS (
      SELECT day, count(*) AS plays, count(*) FILTER (WHERE stream) AS streams, sum(ms) AS ms_all,
             COALESCE(sum(ms) FILTER (WHERE stream), 0) AS ms_streams, count(ms_played) AS known_ms_plays,
             count(*) FILTER (WHERE ms_played < 30000) AS short_plays
      FROM window_plays GROUP BY day
    ),
    gone_days AS (
      DELETE FROM stats_days d WHERE d.user_id = ${userId} ${dateBounds(Prisma.sql`d.local_date`, dayLow, dayHigh)}
        AND NOT EXISTS (SELECT 1 FROM fresh_days f WHERE f.day = d.local_date)
    ),
    put_days AS (
      INSERT INTO stats_days AS d (user_id, local_date, plays, streams, ms_all, ms_streams, known_ms_plays, short_plays)
      SELECT ${userId}, day, plays, streams, ms_all, ms_streams, known_ms_plays, short_plays FROM fresh_days
      ON CONFLICT (user_id, local_date) DO UPDATE SET plays = EXCLUDED.plays, streams = EXCLUDED.streams, ms_all = EXCLUDED.ms_all,
        ms_streams = EXCLUDED.ms_streams, known_ms_plays = EXCLUDED.known_ms_plays, short_plays = EXCLUDED.short_plays
      WHERE (d.plays, d.streams, d.ms_all, d.ms_streams, d.known_ms_plays, d.short_plays)
        IS DISTINCT FROM (EXCLUDED.plays, EXCLUDED.streams, EXCLUDED.ms_all, EXCLUDED.ms_streams, EXCLUDED.known_ms_plays, EXCLUDED.short_plays)
    ),
    fresh_tracks AS (
      SELECT day AS bucket, track_id, count(*) AS streams, sum(ms) AS ms FROM window_plays WHERE stream GROUP BY day, track_id
    ),
    track_changes AS (
      SELECT bucket, track_id, sum(streams) AS streams, sum(ms) AS ms
      FROM (
        SELECT bucket, track_id, streams, ms FROM fresh_tracks
        UNION ALL
        SELECT b.bucket, b.track_id, -b.streams, -b.ms FROM stats_track_buckets b
        WHERE b.user_id = ${userId} AND b.grain = 'd' ${dateBounds(Prisma.sql`b.bucket`, dayLow, dayHigh)}
      ) both_sides
      GROUP BY bucket, track_id HAVING sum(streams) <> 0 OR sum(ms) <> 0
    ),
    put_tracks AS (
      INSERT INTO stats_track_buckets AS b (user_id, grain, bucket, track_id, streams, ms)
      SELECT ${userId}, g.grain, g.bucket, c.track_id, sum(c.streams), sum(c.ms)
      FROM track_changes c CROSS JOIN LATERAL ${grains(Prisma.sql`c.bucket`)} AS g(grain, bucket)
      GROUP BY g.grain, g.bucket, c.track_id HAVING sum(c.streams) <> 0 OR sum(c.ms) <> 0
      ON CONFLICT (user_id, grain, bucket, track_id) DO UPDATE SET streams = b.streams + EXCLUDED.streams, ms = b.ms + EXCLUDED.ms
      RETURNING b.grain, b.bucket, b.track_id, b.streams
    ),
    hour_changes AS (
      SELECT bucket, isodow, hour, sum(streams) AS streams
      FROM (
        SELECT day AS bucket, isodow, hour, count(*) AS streams FROM window_plays WHERE stream GROUP BY 1, 2, 3
        UNION ALL
        SELECT h.bucket, h.isodow, h.hour, -h.streams FROM stats_hour_buckets h
        WHERE h.user_id = ${userId} AND h.grain = 'd' ${dateBounds(Prisma.sql`h.bucket`, dayLow, dayHigh)}
      ) both_sides
      GROUP BY bucket, isodow, hour HAVING sum(streams) <> 0
    ),
    put_hours AS (
      INSERT INTO stats_hour_buckets AS h (user_id, grain, bucket, isodow, hour, streams)
      SELECT ${userId}, g.grain, g.bucket, c.isodow, c.hour, sum(c.streams)
      FROM hour_changes c CROSS JOIN LATERAL ${grains(Prisma.sql`c.bucket`)} AS g(grain, bucket)
      GROUP BY g.grain, g.bucket, c.isodow, c.hour HAVING sum(c.streams) <> 0
      ON CONFLICT (user_id, grain, bucket, isodow, hour) DO UPDATE SET streams = h.streams + EXCLUDED.streams
      RETURNING h.grain, h.bucket, h.isodow, h.hour, h.streams
    ),
    fresh_artist_days AS (
      SELECT DISTINCT ta.artist_id, f.bucket AS local_date FROM fresh_tracks f JOIN track_artists ta ON ta.track_id = f.track_id
    ),
    gone_artist_days AS (
      DELETE FROM stats_artist_days ad WHERE ad.user_id = ${userId} ${dateBounds(Prisma.sql`ad.local_date`, dayLow, dayHigh)}
        AND NOT EXISTS (SELECT 1 FROM fresh_artist_days f WHERE f.artist_id = ad.artist_id AND f.local_date = ad.local_date)
      RETURNING ad.artist_id
    ),
    new_artist_days AS (
      INSERT INTO stats_artist_days (user_id, artist_id, local_date)
      SELECT ${userId}, artist_id, local_date FROM fresh_artist_days
      ON CONFLICT (user_id, artist_id, local_date) DO NOTHING
      RETURNING artist_id
    ),
    changed_artists AS (
      SELECT artist_id FROM gone_artist_days UNION SELECT artist_id FROM new_artist_days
    ),
    old_runs AS (
      DELETE FROM stats_artist_runs r USING changed_artists c
      WHERE r.user_id = ${userId} AND r.artist_id = c.artist_id ${runsNearWindow}
      RETURNING r.artist_id, r.first_date, r.last_date
    ),
    run_spans AS (
      SELECT c.artist_id, LEAST(${dayLow ?? Prisma.sql`'-infinity'::date`}, min(o.first_date)) AS lo,
             GREATEST(${dayHigh ?? Prisma.sql`'infinity'::date`}, max(o.last_date)) AS hi
      FROM changed_artists c LEFT JOIN old_runs o ON o.artist_id = c.artist_id
      GROUP BY c.artist_id
    )
    SELECT (SELECT json_agg(json_build_array(grain, bucket, track_id)) FROM put_tracks WHERE streams = 0) AS zero_tracks,
           (SELECT json_agg(json_build_array(grain, bucket, isodow, hour)) FROM put_hours WHERE streams = 0) AS zero_hours,
           (SELECT json_agg(json_build_object('artist_id', artist_id, 'lo', lo, 'hi', hi)) FROM run_spans) AS run_spans`;

  if (changes.zero_tracks) {
    await tx.$executeRaw`
      DELETE FROM stats_track_buckets b USING json_array_elements(${JSON.stringify(changes.zero_tracks)}::json) z
      WHERE b.user_id = ${userId} AND b.grain = z->>0 AND b.bucket = (z->>1)::date AND b.track_id = z->>2 AND b.streams = 0`;
  }
  if (changes.zero_hours) {
    await tx.$executeRaw`
      DELETE FROM stats_hour_buckets h USING json_array_elements(${JSON.stringify(changes.zero_hours)}::json) z
      WHERE h.user_id = ${userId} AND h.grain = z->>0 AND h.bucket = (z->>1)::date AND h.isodow = (z->>2)::int AND h.hour = (z->>3)::int AND h.streams = 0`;
  }

  await refreshArtistBuckets(tx, userId, dayLow, dayHigh);

  // Artist runs: those of the changed artists' spans.
  if (changes.run_spans) {
    await tx.$executeRaw`
      INSERT INTO stats_artist_runs (user_id, artist_id, first_date, last_date, days)
      SELECT ${userId}, artist_id, min(local_date), max(local_date), count(*)
      FROM (
        SELECT ad.artist_id, ad.local_date, ad.local_date - (row_number() OVER (PARTITION BY ad.artist_id ORDER BY ad.local_date))::int AS island
        FROM json_to_recordset(${JSON.stringify(changes.run_spans)}::json) AS s(artist_id text, lo date, hi date)
          JOIN stats_artist_days ad ON ad.user_id = ${userId} AND ad.artist_id = s.artist_id AND ad.local_date BETWEEN s.lo AND s.hi
      ) islands
      GROUP BY artist_id, island`;
    // The changed artists' first dates: the start of their first run, if any is left.
    await tx.$executeRaw`
      WITH firsts AS (
        SELECT c.artist_id, (SELECT min(r.first_date) FROM stats_artist_runs r WHERE r.user_id = ${userId} AND r.artist_id = c.artist_id) AS first_date
        FROM (SELECT DISTINCT artist_id FROM json_to_recordset(${JSON.stringify(changes.run_spans)}::json) AS s(artist_id text)) c
      ),
      gone AS (
        DELETE FROM stats_artist_firsts f USING firsts x WHERE f.user_id = ${userId} AND f.artist_id = x.artist_id AND x.first_date IS NULL
      )
      INSERT INTO stats_artist_firsts AS f (user_id, artist_id, first_date)
      SELECT ${userId}, artist_id, first_date FROM firsts WHERE first_date IS NOT NULL
      ON CONFLICT (user_id, artist_id) DO UPDATE SET first_date = EXCLUDED.first_date WHERE f.first_date <> EXCLUDED.first_date`;
  }

  // First streams: the tracks streamed in the window and those whose first stream was in it
  // (deleted plays), except tracks first streamed before the window (plays before `from` did not
  // change).
  const windowInstants = (column: Prisma.Sql) => playedAtBounds(column, from, to);
  await tx.$executeRaw`
    WITH affected AS (
      SELECT p.track_id FROM plays p WHERE p.user_id = ${userId} AND ${IS_STREAM} ${windowInstants(Prisma.sql`p.played_at`)}
      UNION
      SELECT f.track_id FROM stats_track_first_streams f WHERE f.user_id = ${userId} ${windowInstants(Prisma.sql`f.first_stream_at`)}
    ),
    firsts AS (
      SELECT a.track_id,
             (SELECT min(p.played_at) FROM plays p WHERE p.user_id = ${userId} AND p.track_id = a.track_id AND ${IS_STREAM}) AS first_at
      FROM affected a
      ${
        from
          ? Prisma.sql`WHERE NOT EXISTS (
              SELECT 1 FROM stats_track_first_streams f WHERE f.user_id = ${userId} AND f.track_id = a.track_id AND f.first_stream_at < ${from})`
          : Prisma.empty
      }
    ),
    gone AS (
      DELETE FROM stats_track_first_streams f USING firsts x
      WHERE f.user_id = ${userId} AND f.track_id = x.track_id AND x.first_at IS NULL
    )
    INSERT INTO stats_track_first_streams AS f (user_id, track_id, first_stream_at)
    SELECT ${userId}, track_id, first_at FROM firsts WHERE first_at IS NOT NULL
    ON CONFLICT (user_id, track_id) DO UPDATE SET first_stream_at = EXCLUDED.first_stream_at
    WHERE f.first_stream_at IS DISTINCT FROM EXCLUDED.first_stream_at`;

  // Sessions: every stored session within 30 min of the window may merge with or split around
  // the changed plays; recompute the plays of those sessions and of the window. The play before
  // (after) that span is more than 30 min away, so the recomputed sessions are exact. The
  // state's session totals move by what was removed and added.
  const nearFrom = from ? Prisma.sql`AND s.end_at >= ${from}::timestamptz - ${SESSION_GAP}` : Prisma.empty;
  const nearTo = to ? Prisma.sql`AND s.start_at <= ${to}::timestamptz + ${SESSION_GAP}` : Prisma.empty;
  const [span] = await tx.$queryRaw<{ first_at: Date | null; last_at: Date | null; count: bigint; plays: bigint; ms: bigint }[]>`
    WITH gone AS (DELETE FROM stats_sessions s WHERE s.user_id = ${userId} ${nearFrom} ${nearTo} RETURNING s.start_at, s.end_at, s.plays, s.ms)
    SELECT min(start_at) AS first_at, max(end_at) AS last_at, count(*) AS count, COALESCE(sum(plays), 0)::bigint AS plays, COALESCE(sum(ms), 0)::bigint AS ms
    FROM gone`;
  const spanFrom = from && span.first_at && span.first_at < from ? span.first_at : from;
  const spanTo = to && span.last_at && span.last_at >= to ? span.last_at : to;
  await tx.$executeRaw`
    WITH ${numberedSessionPlays(
      userId,
      Prisma.sql`${spanFrom ? Prisma.sql`AND p.played_at >= ${spanFrom}` : Prisma.empty} ${spanTo ? Prisma.sql`AND p.played_at <= ${spanTo}` : Prisma.empty}`,
    )},
    added AS (
      INSERT INTO stats_sessions (user_id, start_at, end_at, plays, ms)
      SELECT ${userId}, min(played_at), max(played_at), count(*), sum(ms) FROM numbered GROUP BY session
      RETURNING plays, ms
    )
    UPDATE stats_rollup_state st
    SET session_count = st.session_count - ${Number(span.count)}::int + totals.count,
        session_plays = st.session_plays - ${span.plays}::bigint + totals.plays,
        session_ms = st.session_ms - ${span.ms}::bigint + totals.ms,
        refreshed_at = now()
    FROM (SELECT count(*)::int AS count, COALESCE(sum(plays), 0)::bigint AS plays, COALESCE(sum(ms), 0)::bigint AS ms FROM added) totals
    WHERE st.user_id = ${userId}`;
}

/**
 * Artist buckets of the local dates [dayLow, dayHigh] (inclusive SQL dates; null = unbounded),
 * after the track buckets were refreshed: the months touched are recomputed from the track month
 * buckets and the credits as they are now (so a credit change, refreshed over its tracks' plays,
 * moves streams between artists), and their years and all time receive the difference between
 * the new and the old month rows. Rows that fall to zero streams are deleted, in the same
 * statement (an insert and a delete of disjoint keys).
 */
async function refreshArtistBuckets(tx: Prisma.TransactionClient, userId: string, dayLow: Prisma.Sql | null, dayHigh: Prisma.Sql | null): Promise<void> {
  const month = (day: Prisma.Sql | null) => (day ? Prisma.sql`date_trunc('month', ${day}::timestamp)::date` : null);
  const [monthLow, monthHigh] = [month(dayLow), month(dayHigh)];
  await tx.$executeRaw`
    WITH fresh_months AS (
      SELECT b.bucket, c.artist_id, sum(b.streams)::int AS streams, sum(b.ms)::bigint AS ms
      FROM stats_track_buckets b JOIN track_artists c ON c.track_id = b.track_id
      WHERE b.user_id = ${userId} AND b.grain = 'm' ${dateBounds(Prisma.sql`b.bucket`, monthLow, monthHigh)} AND ${FIRST_CREDIT}
      GROUP BY 1, 2 HAVING sum(b.streams) > 0
    ),
    old_months AS (
      SELECT a.bucket, a.artist_id, a.streams, a.ms FROM stats_artist_buckets a
      WHERE a.user_id = ${userId} AND a.grain = 'm' ${dateBounds(Prisma.sql`a.bucket`, monthLow, monthHigh)}
    ),
    changed_months AS (
      SELECT COALESCE(f.bucket, o.bucket) AS bucket, COALESCE(f.artist_id, o.artist_id) AS artist_id, f.streams, f.ms,
             COALESCE(f.streams, 0) - COALESCE(o.streams, 0) AS add_streams, COALESCE(f.ms, 0) - COALESCE(o.ms, 0) AS add_ms
      FROM fresh_months f FULL JOIN old_months o ON o.bucket = f.bucket AND o.artist_id = f.artist_id
      WHERE f.streams IS DISTINCT FROM o.streams OR f.ms IS DISTINCT FROM o.ms
    ),
    additions AS (
      SELECT g.grain, g.bucket, c.artist_id, sum(c.add_streams) AS add_streams, sum(c.add_ms) AS add_ms
      FROM changed_months c CROSS JOIN LATERAL (VALUES ('y', date_trunc('year', c.bucket::timestamp)::date), ('a', DATE '0001-01-01')) AS g(grain, bucket)
      GROUP BY 1, 2, 3 HAVING sum(c.add_streams) <> 0 OR sum(c.add_ms) <> 0
    ),
    fresh AS (
      SELECT 'm' AS grain, bucket, artist_id, streams, ms FROM changed_months
      UNION ALL
      SELECT x.grain, x.bucket, x.artist_id, COALESCE(a.streams, 0) + x.add_streams, COALESCE(a.ms, 0) + x.add_ms
      FROM additions x LEFT JOIN stats_artist_buckets a ON a.user_id = ${userId} AND a.grain = x.grain AND a.bucket = x.bucket AND a.artist_id = x.artist_id
    ),
    gone AS (
      DELETE FROM stats_artist_buckets a USING fresh f
      WHERE a.user_id = ${userId} AND a.grain = f.grain AND a.bucket = f.bucket AND a.artist_id = f.artist_id AND COALESCE(f.streams, 0) = 0
    )
    INSERT INTO stats_artist_buckets AS a (user_id, grain, bucket, artist_id, streams, ms)
    SELECT ${userId}, grain, bucket, artist_id, streams, ms FROM fresh WHERE streams > 0
    ON CONFLICT (user_id, grain, bucket, artist_id) DO UPDATE SET streams = EXCLUDED.streams, ms = EXCLUDED.ms`;
}
