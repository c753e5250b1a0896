/**
 * Collecting a user's playlists (SPEC §10), the one code path of the cron run's playlist stage
 * and `npm run playlists`: the whole listing, then, for each playlist the user owns or that is
 * collaborative and whose snapshot differs from the latest stored one, every page of its items,
 * stored as a version. Progress is the stored versions themselves: a playlist cut short (budget,
 * rate limit, a fault) stores nothing and is read again whole next time, and those already
 * stored are not read again while their snapshot stands. A collection that read everything it
 * had to is complete; until one is, the user stays due.
 */
import type { Db } from "@/lib/db/client";
import {
  SpotifyBudgetExhaustedError,
  SpotifyForbiddenError,
  SpotifyNotFoundError,
  SpotifyPremiumRequiredError,
  SpotifyRateLimitedError,
  SpotifyReauthRequiredError,
  type RequestBudget,
  type SpotifyClient,
} from "@/lib/spotify";
import { latestStoredSnapshots } from "./latest-snapshots";
import { PlaylistBudgetShortError, readListing, readPlaylistItems } from "./read-spotify";
import { missingPlaylistScopes } from "./scopes";
import { markRefused, readableByListing, storeListing } from "./store-listing";
import { storeVersion } from "./store-version";

export type PlaylistCollectionStatus = "complete" | "partial" | "failed";

/** What one collection did; `npm run playlists -- --json` prints it. */
export type PlaylistCollectionResult = {
  spotifyId: string;
  status: PlaylistCollectionStatus;
  /** Requests sent to Spotify for this user (retries and 429s count). */
  requests: number;
  listed: number;
  /** Playlists read and stored as a new version. */
  stored: number;
  /** Readable playlists whose snapshot matched the stored one: not read. */
  unchanged: number;
  /** Listed but never read: Spotify-owned, or someone else's. */
  notRead: number;
  /** Spotify answered 403 or 404 for the items. */
  refused: number;
  /** Left for the next run: the budget, a rate limit or a fault cut them short. */
  left: number;
  error?: string;
};

/** The collection of every user must stop: Spotify rate-limits the whole app. */
export class PlaylistRateLimitedError extends Error {
  override name = "PlaylistRateLimitedError";
  constructor(readonly result: PlaylistCollectionResult, readonly retryAt: Date) {
    super(`rate limited by Spotify until ${retryAt.toISOString()}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0].slice(0, 300) : String(error);
}

/** The run must stop for this user (and, on a rate limit, for everyone): nothing more can be read now. */
function stopsTheUser(error: unknown): boolean {
  return (
    error instanceof PlaylistBudgetShortError ||
    error instanceof SpotifyBudgetExhaustedError ||
    error instanceof SpotifyRateLimitedError ||
    error instanceof SpotifyReauthRequiredError ||
    error instanceof SpotifyPremiumRequiredError
  );
}

export type CollectOptions = {
  db: Db;
  user: { id: string; spotifyId: string };
  client: SpotifyClient;
  budget: RequestBudget;
  /** No playlist is started after it. */
  deadline: Date;
  now: () => Date;
};

export async function collectUserPlaylists(options: CollectOptions): Promise<PlaylistCollectionResult> {
  const { db, user, client, budget } = options;
  const usedBefore = budget.used;
  const result: PlaylistCollectionResult = { spotifyId: user.spotifyId, status: "complete", requests: 0, listed: 0, stored: 0, unchanged: 0, notRead: 0, refused: 0, left: 0 };
  const attemptedAt = options.now();
  const finish = async (status: PlaylistCollectionStatus, error?: string) => {
    result.status = status;
    result.requests = budget.used - usedBefore;
    if (error) result.error = error;
    const collectedAt = status === "complete" ? attemptedAt : undefined;
    await db.playlistCollection.upsert({
      where: { userId: user.id },
      create: { userId: user.id, attemptedAt, collectedAt: collectedAt ?? null, lastError: error ?? null },
      update: { attemptedAt, lastError: error ?? null, ...(collectedAt ? { collectedAt } : {}) },
    });
    return result;
  };

  let listing;
  try {
    listing = await readListing(client, budget);
  } catch (error) {
    if (error instanceof SpotifyRateLimitedError) throw new PlaylistRateLimitedError(await finish("partial", `Listing not read: ${describe(error)}`), error.retryAt);
    return finish(stopsTheUser(error) ? "partial" : "failed", `Listing not read: ${describe(error)}`);
  }
  await storeListing(db, user, listing, options.now());
  result.listed = listing.length;

  const stored = await latestStoredSnapshots(db, user.id);
  const token = await db.spotifyToken.findUnique({ where: { userId: user.id }, select: { scope: true } });
  const scopeMissing = missingPlaylistScopes(token?.scope ?? "").length > 0;
  const toRead = listing.filter((playlist) => {
    if (readableByListing(playlist, user.spotifyId) !== null) {
      result.notRead += 1;
      return false;
    }
    if (stored.get(playlist.id) === playlist.snapshotId) {
      result.unchanged += 1;
      return false;
    }
    return true;
  });

  let stop: string | undefined;
  let fault: string | undefined;
  for (const [index, playlist] of toRead.entries()) {
    if (options.now() >= options.deadline) {
      stop = "The run's time budget ran out; the rest next run.";
      result.left += toRead.length - index;
      break;
    }
    try {
      const entries = await readPlaylistItems(client, budget, playlist.id, playlist.total);
      const version = await storeVersion(db, { userId: user.id, playlistId: playlist.id, snapshotId: playlist.snapshotId }, entries, options.now());
      if (version.stored) result.stored += 1;
      else result.unchanged += 1;
    } catch (error) {
      if (error instanceof SpotifyForbiddenError || error instanceof SpotifyNotFoundError) {
        result.refused += 1;
        await markRefused(db, user.id, playlist.id, error instanceof SpotifyForbiddenError && scopeMissing ? "missing-scope" : "refused", options.now());
        continue;
      }
      if (error instanceof PlaylistBudgetShortError) {
        // A smaller playlist further on may still fit what is left.
        result.left += 1;
        stop ??= `The run's request budget could not pay for every playlist (${describe(error)}); the rest next run.`;
        continue;
      }
      if (stopsTheUser(error)) {
        result.left += toRead.length - index;
        const message = `Stopped at "${playlist.name}": ${describe(error)}; the rest next run.`;
        if (error instanceof SpotifyRateLimitedError) throw new PlaylistRateLimitedError(await finish("partial", message), error.retryAt);
        stop = message;
        break;
      }
      // A fault (5xx after retries, a malformed page, a change mid-read): this playlist waits for the next run.
      result.left += 1;
      fault ??= `"${playlist.name}" not read: ${describe(error)}`;
    }
  }
  const problem = stop ?? fault;
  return finish(problem ? "partial" : "complete", problem);
}
