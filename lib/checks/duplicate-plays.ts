/**
 * SPEC §7 "no duplicate plays": plays with an earlier play of the same user and track at most
 * 10 s before (a pair counts once, a run of three twice). (user_id, track_id, played_at) is
 * unique, so that earlier play is the one just before in that order: one walk of that index
 * with `lag()`, instead of a self-join that compares every pair of plays of a track.
 */
import type { Db } from "@/lib/db/client";

export const DUPLICATE_WINDOW_SECONDS = 10;

export async function countDuplicatePlays(db: Db, userId: string | null): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count
    FROM (SELECT played_at - lag(played_at) OVER (PARTITION BY user_id, track_id ORDER BY played_at) AS since_previous
          FROM plays
          WHERE (${userId}::text IS NULL OR user_id = ${userId})) p
    WHERE p.since_previous <= make_interval(secs => ${DUPLICATE_WINDOW_SECONDS})`;
  return Number(row?.count ?? 0);
}
