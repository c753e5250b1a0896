import { Prisma } from "@/lib/db/generated/client";
import { countNewArtists } from "@/lib/stats/newArtists";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { dailyTotals, trackStreams } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { StatsFilter, Totals } from "@/lib/stats/types";

type PlayRow = { plays: bigint | null; streams: bigint | null; ms: bigint | null };
type UniqueRow = { tracks: bigint; artists: bigint; albums: bigint };

/** Plays and ms over all plays; streams and distinct tracks/artists/albums over streams. */
export async function getTotals(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<Totals> {
  const resolved = await resolvePlan(db, filter, plan);
  const [playRows, uniqueRows, newArtists] = await Promise.all([
    db.$queryRaw<PlayRow[]>(Prisma.sql`
      SELECT sum(d.plays)::bigint AS plays, sum(d.streams)::bigint AS streams, sum(d.ms_all)::bigint AS ms
      FROM (${dailyTotals(filter, resolved)}) d`),
    db.$queryRaw<UniqueRow[]>(Prisma.sql`
      WITH ts AS (${trackStreams(filter, resolved)})
      SELECT (SELECT count(*) FROM ts)::bigint AS tracks,
             (SELECT count(DISTINCT ta.artist_id) FROM ts JOIN track_artists ta ON ta.track_id = ts.track_id)::bigint AS artists,
             (SELECT count(DISTINCT t.album_id) FROM ts JOIN tracks t ON t.id = ts.track_id)::bigint AS albums`),
    countNewArtists(db, filter, resolved),
  ]);
  const plays = playRows[0];
  const unique = uniqueRows[0];
  return {
    plays: toNumber(plays?.plays),
    streams: toNumber(plays?.streams),
    msListened: toNumber(plays?.ms),
    uniqueTracks: toNumber(unique?.tracks),
    uniqueArtists: toNumber(unique?.artists),
    uniqueAlbums: toNumber(unique?.albums),
    newArtists,
  };
}
