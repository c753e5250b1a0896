/** Every rollup row of a user, in a stable order, to compare incrementally refreshed rollups with rebuilt ones. */
import type { Db } from "@/lib/db/client";

const TABLES = {
  days: `SELECT local_date::text, plays, streams, ms_all::text, ms_streams::text, known_ms_plays, short_plays FROM stats_days WHERE user_id = $1 ORDER BY 1`,
  hours: `SELECT grain, bucket::text, isodow, hour, streams FROM stats_hour_buckets WHERE user_id = $1 ORDER BY 1, 2, 3, 4`,
  tracks: `SELECT grain, bucket::text, track_id, streams, ms::text FROM stats_track_buckets WHERE user_id = $1 ORDER BY 1, 2, 3`,
  firstStreams: `SELECT track_id, first_stream_at FROM stats_track_first_streams WHERE user_id = $1 ORDER BY 1`,
  sessions: `SELECT start_at, end_at, plays, ms::text FROM stats_sessions WHERE user_id = $1 ORDER BY 1`,
  artistDays: `SELECT artist_id, local_date::text FROM stats_artist_days WHERE user_id = $1 ORDER BY 1, 2`,
  artistRuns: `SELECT artist_id, first_date::text, last_date::text, days FROM stats_artist_runs WHERE user_id = $1 ORDER BY 1, 2`,
  artistBuckets: `SELECT grain, bucket::text, artist_id, streams, ms::text FROM stats_artist_buckets WHERE user_id = $1 ORDER BY 1, 2, 3`,
  artistFirsts: `SELECT artist_id, first_date::text FROM stats_artist_firsts WHERE user_id = $1 ORDER BY 1`,
  state: `SELECT time_zone, session_count, session_plays::text, session_ms::text FROM stats_rollup_state WHERE user_id = $1`,
} as const;

export type RollupSnapshot = Record<keyof typeof TABLES, unknown[]>;

export async function rollupSnapshot(db: Db, userId: string): Promise<RollupSnapshot> {
  const snapshot = {} as RollupSnapshot;
  for (const [name, sql] of Object.entries(TABLES) as [keyof typeof TABLES, string][]) {
    snapshot[name] = await db.$queryRawUnsafe<unknown[]>(sql, userId);
  }
  return snapshot;
}
