import { Prisma } from "@/lib/db/generated/client";
import { newArtistsJson } from "@/lib/stats/newArtists";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed } from "@/lib/stats/streamed";
import type { StatsFilter, Totals } from "@/lib/stats/types";

/** Plays, streams and ms over all plays of the range (from the day rows). */
export const TOTAL_PLAYS_JSON = Prisma.sql`SELECT json_build_array(sum(d.plays), sum(d.streams), sum(d.ms_all)) FROM days d`;

/** Distinct tracks and albums streamed in the range. */
export const UNIQUE_TRACKS_ALBUMS_JSON = Prisma.sql`SELECT json_build_array((SELECT count(*) FROM ts), (SELECT count(album_id) FROM album_streams))`;

/** Distinct artists streamed in the range. */
export const UNIQUE_ARTISTS_JSON = Prisma.sql`SELECT to_json(count(*)) FROM artist_streams`;

export function toTotals(totalPlays: unknown, uniqueTracksAlbums: unknown, uniqueArtists: unknown, newArtists: unknown): Totals {
  const [plays, streams, ms] = totalPlays as [number | null, number | null, number | null];
  const [tracks, albums] = uniqueTracksAlbums as [number, number];
  return {
    plays: toNumber(plays),
    streams: toNumber(streams),
    msListened: toNumber(ms),
    uniqueTracks: toNumber(tracks),
    uniqueArtists: toNumber(uniqueArtists),
    uniqueAlbums: toNumber(albums),
    newArtists: toNumber(newArtists),
  };
}

/** Plays and ms over all plays; streams and distinct tracks/artists/albums over streams. */
export async function getTotals(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<Totals> {
  const resolved = await resolvePlan(db, filter, plan);
  const columns = [TOTAL_PLAYS_JSON, UNIQUE_TRACKS_ALBUMS_JSON, UNIQUE_ARTISTS_JSON, newArtistsJson(filter, resolved)];
  const [plays, tracksAlbums, artists, newArtists] = await queryStreamed(db, filter, resolved, columns);
  return toTotals(plays, tracksAlbums, artists, newArtists);
}
