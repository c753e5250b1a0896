/**
 * The cron run's playlist stage (SPEC §3 and §10): after plays, artist details, the enrichment
 * queue and followed artists, each user of the run whose playlists are due is collected with
 * what is left of the budget, least recently ingested first. A rate limit stops the stage for
 * everyone (Spotify limits the app, not a user); anything else stops only that user.
 */
import type { RunStage } from "@/lib/ingest/run";
import { collectUserPlaylists, PlaylistRateLimitedError, type PlaylistCollectionResult } from "./collect";
import { duePlaylistUsers, playlistIntervalMs } from "./due-users";

export const playlistStage: RunStage = {
  name: "playlists",
  run: async ({ db, budget, deadline, now, users }) => {
    if (users.length === 0 || budget.remaining <= 0) return;
    const due = await duePlaylistUsers(db, users.map((user) => user.userId), now(), playlistIntervalMs());
    for (const user of users) {
      if (!due.has(user.userId)) continue;
      if (budget.remaining <= 0 || now() >= deadline) return;
      let result: PlaylistCollectionResult;
      try {
        result = await collectUserPlaylists({ db, user: { id: user.userId, spotifyId: user.spotifyId }, client: user.client, budget, deadline, now });
      } catch (error) {
        if (error instanceof PlaylistRateLimitedError) {
          console.error(`playlists: ${user.spotifyId}: ${error.result.error} No more playlists in this run.`);
          return;
        }
        console.error(`playlists: ${user.spotifyId}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
        continue;
      }
      if (result.error) console.error(`playlists: ${user.spotifyId}: ${result.error}`);
    }
  },
};
