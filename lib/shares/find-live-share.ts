/**
 * The share behind a token, for the public page and its image. Unknown, revoked and expired
 * tokens all give null, by the same path, so the page answers them with the same 404.
 */
import type { Db } from "@/lib/db/client";
import { shareSnapshotSchema, type ShareSnapshot } from "@/lib/shares/snapshot";
import { sameTokenHash, shareTokenHash } from "@/lib/shares/token";

export type LiveShare =
  | { kind: "wrapped"; year: number; displayName: string | null; createdAt: Date; snapshot: ShareSnapshot }
  | { kind: "overview"; from: string | null; to: string | null; displayName: string | null; createdAt: Date; snapshot: ShareSnapshot };

export async function findLiveShare(db: Db, token: string, now = new Date()): Promise<LiveShare | null> {
  const hash = shareTokenHash(token);
  if (!hash) return null;
  const share = await db.share.findUnique({ where: { tokenHash: hash } });
  if (!share || !sameTokenHash(share.tokenHash, hash)) return null;
  if (share.revokedAt || share.expiresAt <= now) return null;
  const snapshot = shareSnapshotSchema.safeParse(share.snapshot);
  if (!snapshot.success) {
    console.error(`share ${share.id}: its stored snapshot is not readable (${snapshot.error.issues[0]?.message}); answered as not found`);
    return null;
  }
  const common = { displayName: share.displayName, createdAt: share.createdAt, snapshot: snapshot.data };
  if (share.kind === "wrapped" && share.year !== null) return { kind: "wrapped", year: share.year, ...common };
  if (share.kind === "overview") return { kind: "overview", from: share.fromDate, to: share.toDate, ...common };
  return null;
}
