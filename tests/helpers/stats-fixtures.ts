/** Builds listening histories in a test database for the statistics tests. */
import type { Db } from "@/lib/db/client";

export type FixtureArtist = { id: string; name: string; genres?: string[] };
export type FixtureAlbum = { id: string; name: string; totalTracks?: number | null };
export type FixtureTrack = { id: string; name: string; durationMs?: number | null; albumId?: string | null; artistIds: string[] };
export type FixtureUser = { id: string; spotifyId: string; displayName?: string | null; timeZone: string };
export type FixturePlay = { userId: string; trackId: string; playedAt: Date; msPlayed: number | null };

export type History = {
  users: FixtureUser[];
  artists: FixtureArtist[];
  albums: FixtureAlbum[];
  tracks: FixtureTrack[];
  plays: FixturePlay[];
};

export async function insertCatalogue(db: Db, history: Pick<History, "users" | "artists" | "albums" | "tracks">): Promise<void> {
  if (history.users.length) {
    await db.user.createMany({
      data: history.users.map((u) => ({ id: u.id, spotifyId: u.spotifyId, displayName: u.displayName ?? null, timeZone: u.timeZone })),
    });
  }
  if (history.artists.length) await db.artist.createMany({ data: history.artists.map((a) => ({ id: a.id, name: a.name, genres: a.genres ?? [] })) });
  if (history.albums.length) await db.album.createMany({ data: history.albums.map((a) => ({ id: a.id, name: a.name, totalTracks: a.totalTracks ?? null })) });
  if (history.tracks.length) {
    await db.track.createMany({
      data: history.tracks.map((t) => ({ id: t.id, name: t.name, durationMs: t.durationMs ?? null, albumId: t.albumId ?? null })),
    });
    await db.trackArtist.createMany({
      data: history.tracks.flatMap((t) => t.artistIds.map((artistId, position) => ({ trackId: t.id, artistId, position }))),
    });
  }
}

export async function insertPlays(db: Db, plays: FixturePlay[]): Promise<void> {
  if (plays.length === 0) return;
  await db.play.createMany({
    data: plays.map((p) => ({
      userId: p.userId,
      trackId: p.trackId,
      playedAt: p.playedAt,
      msPlayed: p.msPlayed,
      source: p.msPlayed === null ? ("recently_played" as const) : ("export_extended" as const),
    })),
  });
}

export async function insertHistory(db: Db, history: History): Promise<void> {
  await insertCatalogue(db, history);
  await insertPlays(db, history.plays);
}

/** Removes every row the fixtures create (tests in one file share a database). */
export async function clearHistory(db: Db): Promise<void> {
  await db.$executeRawUnsafe("TRUNCATE plays, track_artists, tracks, albums, artists, users, stats_rollup_state CASCADE");
}
