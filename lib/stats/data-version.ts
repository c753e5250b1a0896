/**
 * What the web app's caches of computed figures are keyed by (lib/stats/report-cache.ts,
 * lib/stats/figures-cache.ts): in one indexed single-row query, the user's data version
 * (`stats_rollup_state.xmin` with `refreshed_at`: every write of a user's plays refreshes that
 * row in the same transaction), the newest play, and the newest ingestion run that covered the
 * user (catalogue changes it brought). See report-cache.ts for why these make a cached figure exact.
 */
import { cache } from "react";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

export type DataVersion = {
  spotify_id: string;
  display_name: string | null;
  /** Null while the user has no rollups. */
  version: string | null;
  last_played_at: Date | null;
  last_collected_at: Date | null;
};

/** The columns of the user row `u` that make its DataVersion. */
export const DATA_VERSION_COLUMNS = Prisma.sql`
  u.spotify_id, u.display_name,
  (SELECT s.xmin::text || '@' || (extract(epoch FROM s.refreshed_at) * 1000)::bigint::text
   FROM stats_rollup_state s WHERE s.user_id = u.id) AS version,
  (SELECT max(p.played_at) FROM plays p WHERE p.user_id = u.id) AS last_played_at,
  (SELECT max(r.created_at) FROM ingest_run_users r WHERE r.user_id = u.id) AS last_collected_at`;

/**
 * Within one server render, the signed-in user's data version as read with the session's user
 * (lib/auth/session.ts reads DATA_VERSION_COLUMNS in its statement): a page's caches need no
 * statement of their own. Outside a render `cache()` does not memoise: nothing is kept.
 */
const readWithSession = cache((): { userId?: string; row?: DataVersion } => ({}));

/** Called by the session's read, before any figure of the render is computed. */
export function keepSessionDataVersion(userId: string, row: DataVersion): void {
  Object.assign(readWithSession(), { userId, row });
}

/**
 * Undefined for an unknown user. Read once per server render (React `cache()`), with the
 * session's user when the render has one: the overview's report and trends caches, or the status
 * page's checks, share one lookup; elsewhere (route handlers, scripts, tests) every call reads.
 */
export const readDataVersion = cache(async function readDataVersion(db: Db, userId: string): Promise<DataVersion | undefined> {
  const kept = readWithSession();
  if (kept.row && kept.userId === userId) return kept.row;
  const rows = await db.$queryRaw<DataVersion[]>`SELECT ${DATA_VERSION_COLUMNS} FROM users u WHERE u.id = ${userId}`;
  return rows[0];
});

/** The parts of a cache key that change with the user's data: its version, newest play and newest covering run. */
export function dataVersionKey(row: DataVersion): [string, number | null, number | null] {
  return [row.version ?? "none", row.last_played_at?.getTime() ?? null, row.last_collected_at?.getTime() ?? null];
}
