/** Revokes one of the user's own live links; false when there is none with that id (another user's included). */
import type { Db } from "@/lib/db/client";

export async function revokeShare(db: Db, userId: string, shareId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.share.updateMany({ where: { id: shareId, userId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
  return count > 0;
}
