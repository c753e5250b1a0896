/**
 * One track's plays in the windows of SPEC §10 at `now`, as SQL for a LATERAL join (the playlist
 * page counts them for one version, the list page for a page of versions). The windows end
 * before `now` and start a whole number of 24-hour days earlier (computed here, not by
 * PostgreSQL's calendar arithmetic); the lookups walk the (user, track, played_at) index.
 */
import { Prisma } from "@/lib/db/generated/client";
import { DAY_MS, KNOWN_PLAYS_WINDOW_DAYS, STREAM_MS, STREAM_WINDOW_DAYS } from "./suggestions";

const IS_STREAM = Prisma.sql`(p.ms_played IS NULL OR p.ms_played >= ${STREAM_MS})`;

/**
 * Columns streams_90d, known_365d, short_365d, and the bounds figuresChangeAt needs: first_365d
 * (the earliest play in the 365-day window) and first_stream_90d (the earliest stream in the
 * 90-day window). `trackId` is the outer query's column.
 */
export function windowFigures(userId: string, trackId: Prisma.Sql, now: Date): Prisma.Sql {
  const from90 = new Date(now.getTime() - STREAM_WINDOW_DAYS * DAY_MS);
  const from365 = new Date(now.getTime() - KNOWN_PLAYS_WINDOW_DAYS * DAY_MS);
  return Prisma.sql`(
    SELECT count(*) FILTER (WHERE ${IS_STREAM} AND p.played_at >= ${from90}::timestamptz) AS streams_90d,
      count(*) FILTER (WHERE p.ms_played IS NOT NULL) AS known_365d,
      count(*) FILTER (WHERE p.ms_played < ${STREAM_MS}) AS short_365d,
      min(p.played_at) AS first_365d,
      min(p.played_at) FILTER (WHERE ${IS_STREAM} AND p.played_at >= ${from90}::timestamptz) AS first_stream_90d
    FROM plays p
    WHERE p.user_id = ${userId} AND p.track_id = ${trackId} AND p.played_at >= ${from365}::timestamptz AND p.played_at < ${now}::timestamptz
  )`;
}

/** Column played_at: the track's first play at or after `now` (a figure changes when it comes). */
export function nextPlay(userId: string, trackId: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`(
    SELECT p.played_at FROM plays p
    WHERE p.user_id = ${userId} AND p.track_id = ${trackId} AND p.played_at >= ${now}::timestamptz
    ORDER BY p.played_at LIMIT 1
  )`;
}

/** Column played_at: the track's last stream before `now`. */
export function lastStream(userId: string, trackId: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`(
    SELECT p.played_at FROM plays p
    WHERE p.user_id = ${userId} AND p.track_id = ${trackId} AND p.played_at < ${now}::timestamptz AND ${IS_STREAM}
    ORDER BY p.played_at DESC LIMIT 1
  )`;
}
