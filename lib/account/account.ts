/**
 * What a user can do to their own account from the settings page: change the time zone,
 * disconnect Spotify (forget the tokens, keep the data), or delete everything.
 */
import type { Db } from "@/lib/db/client";
import { inPlainTransaction } from "@/lib/db/plain-transaction";
import { rebuildRollups } from "@/lib/stats/rollups";
import { timeZoneName } from "@/lib/time-zones";

export class AccountInputError extends Error {
  override name = "AccountInputError";
}

/**
 * Saves the zone (its IANA name as chosen, see timeZoneName). Local dates, hours and weekdays depend on it, so rollups
 * already built in the old zone are rebuilt in the new one.
 */
export async function updateTimeZone(db: Db, userId: string, timeZone: string): Promise<string> {
  const zone = timeZoneName(timeZone);
  if (!zone) throw new AccountInputError(`unknown time zone "${timeZone}"`);
  const updated = await db.user.update({ where: { id: userId }, data: { timeZone: zone }, select: { statsRollup: { select: { timeZone: true } } } });
  if (updated.statsRollup && updated.statsRollup.timeZone !== zone) await rebuildRollups(db, userId);
  return zone;
}

/** Forgets the Spotify tokens; plays and everything else stay. Signing in again reconnects. */
export async function disconnectSpotify(db: Db, userId: string): Promise<boolean> {
  const { count } = await db.spotifyToken.deleteMany({ where: { userId } });
  return count > 0;
}

export type DeletedCounts = { plays: number; tokens: number; imports: number; ingestOutcomes: number; users: number };

/**
 * Deletes every row about the user: plays, tokens, import jobs, ingest outcomes (and their entry in
 * runs' recorded responses, and the runs limited to them: their sign-in collections), statistics
 * rollups, playlists with their versions, and the user. The shared catalogue (tracks,
 * albums, artists) belongs to no one and stays.
 */
export async function deleteAccount(db: Db, userId: string): Promise<DeletedCounts> {
  // All of a user's plays can take minutes: a plain transaction (lib/db/plain-transaction.ts).
  return inPlainTransaction(db, async (tx) => {
    const [user] = await tx.$queryRaw<{ spotify_id: string }[]>`SELECT spotify_id FROM users WHERE id = ${userId}`;
    if (!user) return { plays: 0, tokens: 0, imports: 0, ingestOutcomes: 0, users: 0 };
    const plays = await tx.$executeRaw`DELETE FROM plays WHERE user_id = ${userId}`;
    const tokens = await tx.$executeRaw`DELETE FROM spotify_tokens WHERE user_id = ${userId}`;
    const imports = await tx.$executeRaw`DELETE FROM import_jobs WHERE user_id = ${userId}`;
    const ingestOutcomes = await tx.$executeRaw`DELETE FROM ingest_run_users WHERE user_id = ${userId}`;
    await tx.$executeRaw`DELETE FROM stats_rollup_state WHERE user_id = ${userId}`;
    // Playlists take their versions and entries with them (foreign keys cascade).
    await tx.$executeRaw`DELETE FROM playlists WHERE user_id = ${userId}`;
    await tx.$executeRaw`DELETE FROM playlist_collections WHERE user_id = ${userId}`;
    // A run's stored response lists users by Spotify id: drop this user's entry from it.
    await tx.$executeRaw`
      UPDATE ingest_runs
      SET result = jsonb_set(result::jsonb, '{users}',
        COALESCE((SELECT jsonb_agg(entry) FROM jsonb_array_elements(result::jsonb -> 'users') entry WHERE entry ->> 'spotifyId' IS DISTINCT FROM ${user.spotify_id}), '[]'::jsonb))
      WHERE jsonb_typeof(result::jsonb -> 'users') = 'array'
        AND result::jsonb -> 'users' @> jsonb_build_array(jsonb_build_object('spotifyId', ${user.spotify_id}::text))`;
    // Runs limited to named users (sign-in collections) name them by id.
    await tx.$executeRaw`DELETE FROM ingest_runs WHERE user_ids = ARRAY[${userId}]::text[]`;
    await tx.$executeRaw`UPDATE ingest_runs SET user_ids = array_remove(user_ids, ${userId}) WHERE ${userId} = ANY(user_ids)`;
    const users = await tx.$executeRaw`DELETE FROM users WHERE id = ${userId}`;
    return { plays, tokens, imports, ingestOutcomes, users };
  });
}
