import type { Db } from "@/lib/db/client";

export const DEFAULT_PLAYLIST_INTERVAL_HOURS = 24;
let warned = false;

/** PLAYLIST_INTERVAL_HOURS (default 24): how long after a complete collection a user is due again. */
export function playlistIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const value = env.PLAYLIST_INTERVAL_HOURS;
  const hours = value === undefined || value === "" ? DEFAULT_PLAYLIST_INTERVAL_HOURS : Number(value);
  if (Number.isFinite(hours) && hours >= 0) return hours * 3_600_000;
  // A typo must not stop collections or break pages: say so and use the default.
  if (!warned) console.warn(`PLAYLIST_INTERVAL_HOURS="${value}" is not a number of hours; using ${DEFAULT_PLAYLIST_INTERVAL_HOURS}.`);
  warned = true;
  return DEFAULT_PLAYLIST_INTERVAL_HOURS * 3_600_000;
}

/** Of these users, those never collected completely or last collected at least `intervalMs` before `now`. */
export async function duePlaylistUsers(db: Db, userIds: string[], now: Date, intervalMs: number): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ user_id: string }[]>`
    SELECT u.id AS user_id FROM unnest(${userIds}::text[]) AS u(id)
    LEFT JOIN playlist_collections c ON c.user_id = u.id
    WHERE c.collected_at IS NULL OR c.collected_at <= ${new Date(now.getTime() - intervalMs)}::timestamptz`;
  return new Set(rows.map((row) => row.user_id));
}
