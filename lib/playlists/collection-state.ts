import type { Db } from "@/lib/db/client";
import { missingPlaylistScopes, type PlaylistScope } from "./scopes";

export type PlaylistCollectionState = {
  /** The last complete collection. */
  collectedAt: Date | null;
  attemptedAt: Date | null;
  /** What cut the last attempt short, if it was. */
  lastError: string | null;
  /** Playlist scopes the user's stored authorisation lacks (none when not connected at all). */
  missingScopes: PlaylistScope[];
};

type Row = { collected_at: Date | null; attempted_at: Date | null; last_error: string | null; scope: string | null };

/** Where the user's playlist collection stands, and which playlist scopes they have not granted. */
export async function playlistCollectionState(db: Pick<Db, "$queryRaw">, userId: string): Promise<PlaylistCollectionState> {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT c.collected_at, c.attempted_at, c.last_error, t.scope
    FROM users u
    LEFT JOIN playlist_collections c ON c.user_id = u.id
    LEFT JOIN spotify_tokens t ON t.user_id = u.id
    WHERE u.id = ${userId}`;
  return {
    collectedAt: row?.collected_at ?? null,
    attemptedAt: row?.attempted_at ?? null,
    lastError: row?.last_error ?? null,
    missingScopes: row?.scope === null || row?.scope === undefined ? [] : missingPlaylistScopes(row.scope),
  };
}
