/**
 * `npm run playlists -- --user U`: one user's playlists collected now, whether due or not, with
 * a run's request and time budget (SPOTIFY_RUN_BUDGET, INGEST_TIME_BUDGET_MS) and the same
 * collection as the cron run's stage.
 */
import type { Db } from "@/lib/db/client";
import { getValidAccessToken, NotConnectedError } from "@/lib/auth/tokens";
import { createSpotifyClient, RequestBudget, SpotifyReauthRequiredError, type TransportOptions } from "@/lib/spotify";
import { collectUserPlaylists, PlaylistRateLimitedError, type PlaylistCollectionResult } from "./collect";

export class UnknownPlaylistUserError extends Error {
  override name = "UnknownPlaylistUserError";
}

export type CollectNowOptions = {
  db: Db;
  spotifyId: string;
  requestBudget?: number;
  timeBudgetMs?: number;
  now?: () => Date;
  transport?: Omit<TransportOptions, "budget" | "deadline">;
};

export async function collectPlaylistsNow(options: CollectNowOptions): Promise<PlaylistCollectionResult> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const user = await db.user.findUnique({ where: { spotifyId: options.spotifyId }, select: { id: true, spotifyId: true, needsReauth: true } });
  if (!user) throw new UnknownPlaylistUserError(`no user with Spotify id "${options.spotifyId}"`);
  const failed = (error: string): PlaylistCollectionResult => ({ spotifyId: user.spotifyId, status: "failed", requests: 0, listed: 0, stored: 0, unchanged: 0, notRead: 0, refused: 0, left: 0, error });
  if (user.needsReauth) return failed("Spotify authorisation ended: the user must sign in again.");
  const budget = new RequestBudget(options.requestBudget ?? Number(process.env.SPOTIFY_RUN_BUDGET ?? 300));
  const deadline = new Date(now().getTime() + (options.timeBudgetMs ?? Number(process.env.INGEST_TIME_BUDGET_MS ?? 50_000)));
  // The deadline is on `now`'s clock: so are the transport's waits.
  const transport = { now, ...options.transport, budget, deadline };
  const accessToken = (opts?: { forceRefresh?: boolean }) => getValidAccessToken(db, user.id, { forceRefresh: opts?.forceRefresh, accounts: transport });
  const client = createSpotifyClient({ ...transport, accessToken });
  try {
    return await collectUserPlaylists({ db, user, client, budget, deadline, now });
  } catch (error) {
    if (error instanceof PlaylistRateLimitedError) return error.result;
    if (error instanceof NotConnectedError || error instanceof SpotifyReauthRequiredError) return failed(error.message.split("\n")[0]);
    throw error;
  }
}
