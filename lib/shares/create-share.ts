/** Making a share link (SPEC §11): the snapshot of the figures now, a new token, its hash stored. */
import type { Db } from "@/lib/db/client";
import { startOfLocalDate } from "@/lib/stats/local-time";
import { yearRange, type InstantRange } from "@/lib/stats/range";
import { getGenreCoverage } from "@/lib/genres";
import { getReport } from "@/lib/stats/report";
import { SNAPSHOT_LIST_LENGTH, snapshotOf } from "@/lib/shares/snapshot";
import { newShareToken, shareTokenHash } from "@/lib/shares/token";
import { shareUrl } from "@/lib/shares/share-url";

/** Live links (neither revoked nor expired) a user may have at once. */
export const MAX_LIVE_SHARES = 50;
export const DEFAULT_SHARE_DAYS = 30;
const DAY_MS = 86_400_000;

export type ShareRequest =
  | { kind: "wrapped"; year: number }
  /** Local dates, `to` exclusive; null = open. */
  | { kind: "overview"; from: string | null; to: string | null };

export type NewShare = { id: string; url: string; expiresAt: string };

export class ShareLimitError extends Error {
  override name = "ShareLimitError";
}

export function rangeOfShare(request: ShareRequest, timeZone: string): InstantRange {
  if (request.kind === "wrapped") return yearRange(request.year, timeZone);
  return {
    from: request.from ? startOfLocalDate(request.from, timeZone) : null,
    to: request.to ? startOfLocalDate(request.to, timeZone) : null,
  };
}

export async function createShare(
  db: Db,
  user: { id: string; displayName: string; timeZone: string },
  request: ShareRequest,
  options: { expiresInDays?: number; showName?: boolean; now?: Date } = {},
): Promise<NewShare> {
  const now = options.now ?? new Date();
  const { from, to } = rangeOfShare(request, user.timeZone);
  const [report, genres] = await Promise.all([
    getReport(db, { userId: user.id, from, to, timeZone: user.timeZone, limit: SNAPSHOT_LIST_LENGTH, now }),
    getGenreCoverage(db, user.id, now),
  ]);
  const token = newShareToken();
  const expiresAt = new Date(now.getTime() + (options.expiresInDays ?? DEFAULT_SHARE_DAYS) * DAY_MS);
  const id = await db.$transaction(async (tx) => {
    // One count-then-insert per user at a time, so two requests cannot both take the 50th place.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`encore.shares:${user.id}`}, 0))::text`;
    const live = await tx.share.count({ where: { userId: user.id, revokedAt: null, expiresAt: { gt: now } } });
    if (live >= MAX_LIVE_SHARES) {
      throw new ShareLimitError(`You already have ${MAX_LIVE_SHARES} live share links: revoke one in Settings before making another.`);
    }
    const share = await tx.share.create({
      data: {
        userId: user.id,
        tokenHash: shareTokenHash(token)!,
        kind: request.kind,
        year: request.kind === "wrapped" ? request.year : null,
        fromDate: request.kind === "overview" ? request.from : null,
        toDate: request.kind === "overview" ? request.to : null,
        displayName: options.showName ? user.displayName : null,
        snapshot: snapshotOf(report, genres.fromMusicBrainz > 0),
        createdAt: now,
        expiresAt,
      },
      select: { id: true },
    });
    return share.id;
  });
  return { id, url: shareUrl(token), expiresAt: expiresAt.toISOString() };
}
