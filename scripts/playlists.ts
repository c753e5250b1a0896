/**
 * npm run playlists -- --user <spotifyUserId> [--json]: collects that user's playlists now (SPEC §10),
 * the cron run's code path. With --json the last line is the collection's summary object.
 * Exit code 2 for bad arguments or an unknown user, 1 when the collection failed.
 */
import { parseArgs } from "node:util";
import { applyLocalSecrets } from "@/lib/config/local-secrets";
import { getDb } from "@/lib/db/client";
import { collectPlaylistsNow, UnknownPlaylistUserError } from "@/lib/playlists/collect-now";
import { runDatabaseCommand } from "./support/command";
import { useRunningDemoSpotify } from "./support/demo-spotify";

const USAGE = "usage: npm run playlists -- --user <spotifyUserId> [--json]";

class UsageError extends Error {}

function parseOptions(): { user: string; json: boolean } {
  let values;
  try {
    ({ values } = parseArgs({ options: { user: { type: "string" }, json: { type: "boolean", default: false } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message.split("\n")[0] : String(error)}; ${USAGE}`);
  }
  if (!values.user) throw new UsageError(`--user is required; ${USAGE}`);
  return { user: values.user, json: values.json ?? false };
}

runDatabaseCommand(
  "playlists",
  async (_database, args) => {
    applyLocalSecrets(["TOKEN_ENCRYPTION_KEY"]);
    if (useRunningDemoSpotify()) console.error("playlists: the demo is running: using its Spotify simulator.");
    const result = await collectPlaylistsNow({ db: getDb(), spotifyId: args.user });
    if (args.json) {
      console.log(JSON.stringify(result));
    } else {
      console.log(
        `${result.spotifyId}: ${result.status}, ${result.listed} playlists listed, ${result.stored} read and stored, ${result.unchanged} unchanged, ` +
          `${result.notRead} not readable (Spotify's or someone else's), ${result.refused} refused, ${result.left} left for later; ${result.requests} requests to Spotify` +
          (result.error ? `\n  ${result.error}` : ""),
      );
    }
    return result.status === "failed" ? 1 : 0;
  },
  { parse: parseOptions, isUsageError: (error) => error instanceof UsageError || error instanceof UnknownPlaylistUserError },
);
