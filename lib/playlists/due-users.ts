import type { Db } from "@/lib/db/client";

/** PLAYLIST_INTERVAL_HOURS (default 24): how long after a complete collection a user is due again. */
export function playlistIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env.PLAYLIST_INTERVAL_HOURS ?? 24);
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`PLAYLIST_INTERVAL_HOURS must be a number of hours, got "${env.PLAYLIST_INTERVAL_HOURS}"`);
  return hours * 3_600_000;
}

/** Of these users, those never collected completely or last collected at least `intervalMs` before `now`. */
export async function duePlaylistUsers(db: Db, userIds: string[], now: Date, intervalMs: number): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ user_id: string }[]>`
    SELECT u.id AS user_id FROM unnest(${userIds}::text[]) AS u(id)
    LEFT JOIN playlist_collections c ON c.user_id = u.id
    WHERE c.collected_at IS NULL OR c.collected_at <= ${new Date(now.getTime() - intervalMs)}::timestamptz`;
  return new Set(rows.map((row) => row.user_id));
}
