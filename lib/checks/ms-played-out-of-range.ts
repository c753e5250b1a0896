/** SPEC §7 "msPlayed within [0, 24 h]": plays whose known msPlayed lies outside it. */
import type { Db } from "@/lib/db/client";

export const MAX_MS_PLAYED = 24 * 3600 * 1000;

export async function countMsPlayedOutOfRange(db: Db, userId: string | null): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM plays
    WHERE (${userId}::text IS NULL OR user_id = ${userId})
      AND ms_played IS NOT NULL AND (ms_played < 0 OR ms_played > ${MAX_MS_PLAYED})`;
  return Number(row?.count ?? 0);
}
