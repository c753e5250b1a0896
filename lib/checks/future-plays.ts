/** SPEC §7 "no plays in the future": plays dated after `now` (the (user_id, played_at) index answers it). */
import type { Db } from "@/lib/db/client";

export async function countFuturePlays(db: Db, userId: string | null, now: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM plays
    WHERE (${userId}::text IS NULL OR user_id = ${userId}) AND played_at > ${now}::timestamptz`;
  return Number(row?.count ?? 0);
}
