import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { PLAY_MS, playedAtBounds, toNumber, type StatsDb } from "@/lib/stats/sql";
import type { Sessions, StatsFilter } from "@/lib/stats/types";

/** A gap of more than this between two plays starts a new session. */
export const SESSION_GAP = Prisma.sql`interval '30 minutes'`;

type Row = {
  count: bigint;
  plays: bigint | null;
  ms: bigint | null;
  longest_start: Date | null;
  longest_end: Date | null;
  longest_plays: bigint | null;
  longest_ms: bigint | null;
};

/**
 * CTEs `ordered` and `numbered`: the user's plays within `bounds` (a condition on `p.played_at`)
 * in time order, each with its session number (a running count of "gap > 30 min" starts).
 * Shared by the report and the session rollups, so both cut sessions the same way.
 */
export function numberedSessionPlays(userId: string, bounds: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    ordered AS (
      SELECT p.played_at, ${PLAY_MS} AS ms, lag(p.played_at) OVER (ORDER BY p.played_at) AS previous_at
      FROM plays p JOIN tracks t ON t.id = p.track_id
      WHERE p.user_id = ${userId} ${bounds}
    ),
    numbered AS (
      SELECT played_at, ms,
             count(*) FILTER (WHERE previous_at IS NULL OR played_at - previous_at > ${SESSION_GAP})
               OVER (ORDER BY played_at ROWS UNBOUNDED PRECEDING) AS session
      FROM ordered
    )`;
}

/**
 * Sessions of the range from raw plays: number the sessions with a running count of
 * "gap > 30 min" starts, then aggregate per session.
 */
function sessionsFromPlays(filter: StatsFilter): Prisma.Sql {
  return Prisma.sql`
    ${numberedSessionPlays(filter.userId, playedAtBounds(Prisma.sql`p.played_at`, filter.from, filter.to))},
    sessions AS (
      SELECT min(played_at) AS start_at, max(played_at) AS end_at, count(*)::bigint AS plays, sum(ms)::bigint AS ms
      FROM numbered GROUP BY session
    )`;
}

/**
 * Sessions of the range from the all-time session rollup: sessions inside the range are taken
 * as they are; the (at most two) that straddle a bound (the last one starting before it, as sessions never overlap) are cut to the range from raw plays —
 * a session's plays inside the range are still one session of the range.
 */
function sessionsFromRollup(filter: StatsFilter): Prisma.Sql {
  const { userId, from, to } = filter;
  const straddling: Prisma.Sql[] = [];
  if (from) {
    straddling.push(Prisma.sql`(SELECT * FROM (SELECT s.start_at, s.end_at FROM stats_sessions s
      WHERE s.user_id = ${userId} AND s.start_at < ${from} ORDER BY s.start_at DESC LIMIT 1) last_before WHERE last_before.end_at >= ${from})`);
  }
  if (to) {
    straddling.push(Prisma.sql`(SELECT * FROM (SELECT s.start_at, s.end_at FROM stats_sessions s
      WHERE s.user_id = ${userId} AND s.start_at < ${to} ORDER BY s.start_at DESC LIMIT 1) last_before WHERE last_before.end_at >= ${to})`);
  }
  const cut = straddling.length
    ? Prisma.sql`
    UNION ALL
    SELECT min(p.played_at), max(p.played_at), count(*)::bigint, sum(${PLAY_MS})::bigint
    FROM (SELECT DISTINCT start_at, end_at FROM (${Prisma.join(straddling, " UNION ALL ")}) edge_rows) edge
    JOIN plays p ON p.user_id = ${userId} AND p.played_at >= edge.start_at AND p.played_at <= edge.end_at
      ${playedAtBounds(Prisma.sql`p.played_at`, from, to)}
    JOIN tracks t ON t.id = p.track_id
    GROUP BY edge.start_at`
    : Prisma.empty;
  return Prisma.sql`
    sessions AS (
      SELECT s.start_at, s.end_at, s.plays::bigint AS plays, s.ms
      FROM stats_sessions s
      WHERE s.user_id = ${userId} ${playedAtBounds(Prisma.sql`s.start_at`, from, null)} ${playedAtBounds(Prisma.sql`s.end_at`, null, to)}
      ${cut}
    )`;
}

/** Sessions over all plays of the range (short ones too); the longest has the most ms, earliest on ties. */
export async function getSessions(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<Sessions> {
  const resolved = await resolvePlan(db, filter, plan);
  const allTime = resolved.rolledUp && !filter.from && !filter.to;
  const rows = allTime
    ? await db.$queryRaw<Row[]>`
      SELECT st.session_count::bigint AS count, st.session_plays AS plays, st.session_ms AS ms,
             l.start_at AS longest_start, l.end_at AS longest_end, l.plays::bigint AS longest_plays, l.ms AS longest_ms
      FROM stats_rollup_state st
      LEFT JOIN LATERAL (SELECT * FROM stats_sessions s WHERE s.user_id = st.user_id ORDER BY s.ms DESC, s.start_at LIMIT 1) l ON true
      WHERE st.user_id = ${filter.userId}`
    : await sessionsOfRange(db, resolved.rolledUp ? sessionsFromRollup(filter) : sessionsFromPlays(filter));
  return toSessions(rows[0]);
}

function sessionsOfRange(db: StatsDb, sessions: Prisma.Sql): Promise<Row[]> {
  return db.$queryRaw<Row[]>(Prisma.sql`
    WITH ${sessions},
    longest AS (SELECT * FROM sessions ORDER BY ms DESC, start_at LIMIT 1)
    SELECT (SELECT count(*) FROM sessions)::bigint AS count,
           (SELECT sum(plays) FROM sessions)::bigint AS plays,
           (SELECT sum(ms) FROM sessions)::bigint AS ms,
           l.start_at AS longest_start, l.end_at AS longest_end, l.plays AS longest_plays, l.ms AS longest_ms
    FROM (SELECT 1) one LEFT JOIN longest l ON true`);
}

function toSessions(row: Row | undefined): Sessions {
  const count = toNumber(row?.count);
  if (!row || count === 0 || !row.longest_start || !row.longest_end) return { count: 0, meanPlays: null, meanMs: null, longest: null };
  return {
    count,
    meanPlays: toNumber(row.plays) / count,
    meanMs: toNumber(row.ms) / count,
    longest: {
      start: row.longest_start.toISOString(),
      end: row.longest_end.toISOString(),
      plays: toNumber(row.longest_plays),
      ms: toNumber(row.longest_ms),
    },
  };
}
