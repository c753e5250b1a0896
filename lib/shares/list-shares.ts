/** The signed-in user's live share links (Settings, GET /api/shares). The URL is not known any more: only its hash is stored. */
import type { Db } from "@/lib/db/client";

export type ShareListing = {
  id: string;
  kind: "wrapped" | "overview";
  year: number | null;
  from: string | null;
  to: string | null;
  showName: boolean;
  createdAt: string;
  expiresAt: string;
};

export async function listLiveShares(db: Db, userId: string, now = new Date()): Promise<ShareListing[]> {
  const shares = await db.share.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, kind: true, year: true, fromDate: true, toDate: true, displayName: true, createdAt: true, expiresAt: true },
  });
  return shares.map((share) => ({
    id: share.id,
    kind: share.kind,
    year: share.year,
    from: share.fromDate,
    to: share.toDate,
    showName: share.displayName !== null,
    createdAt: share.createdAt.toISOString(),
    expiresAt: share.expiresAt.toISOString(),
  }));
}
