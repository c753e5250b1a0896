/**
 * The report of SPEC section 5: every statistic for one user and range, composed from the
 * modules of lib/stats (one query plan for all of them, run concurrently on the pool).
 */
import { getAlbumCompletion } from "@/lib/stats/albumCompletion";
import { getArtistStreaks } from "@/lib/stats/artistStreaks";
import { getHeatmap } from "@/lib/stats/heatmap";
import { planStats } from "@/lib/stats/plan";
import { getSessions } from "@/lib/stats/sessions";
import { getSkipRate } from "@/lib/stats/skipRate";
import type { StatsDb } from "@/lib/stats/sql";
import { getCurrentStreak, getLongestStreak } from "@/lib/stats/streaks";
import { getTimeline } from "@/lib/stats/timeline";
import { getTopAlbums } from "@/lib/stats/topAlbums";
import { getTopArtists } from "@/lib/stats/topArtists";
import { getTopGenres } from "@/lib/stats/topGenres";
import { getTopTracks } from "@/lib/stats/topTracks";
import { getTotals } from "@/lib/stats/totals";
import type { Report, StatsFilter } from "@/lib/stats/types";

export class UnknownUserError extends Error {
  override name = "UnknownUserError";
}

export async function getReport(db: StatsDb, filter: StatsFilter): Promise<Report> {
  const [user, plan] = await Promise.all([
    db.user.findUnique({ where: { id: filter.userId }, select: { spotifyId: true, displayName: true } }),
    planStats(db, filter),
  ]);
  if (!user) throw new UnknownUserError(`no user with id ${filter.userId}`);
  const [totals, topArtists, topTracks, topAlbums, topGenres, longest, current, artists, albumCompletion, sessions, heatmap, skipRate, timeline] =
    await Promise.all([
      getTotals(db, filter, plan),
      getTopArtists(db, filter, plan),
      getTopTracks(db, filter, plan),
      getTopAlbums(db, filter, plan),
      getTopGenres(db, filter, plan),
      getLongestStreak(db, filter, plan),
      getCurrentStreak(db, filter, plan),
      getArtistStreaks(db, filter, plan),
      getAlbumCompletion(db, filter, plan),
      getSessions(db, filter, plan),
      getHeatmap(db, filter, plan),
      getSkipRate(db, filter, plan),
      getTimeline(db, filter, plan),
    ]);
  return {
    user: { spotifyId: user.spotifyId, displayName: user.displayName, timeZone: filter.timeZone },
    range: { from: filter.from?.toISOString() ?? null, to: filter.to?.toISOString() ?? null },
    totals,
    topArtists,
    topTracks,
    topAlbums,
    topGenres,
    streaks: { longest, current, artists },
    albumCompletion,
    sessions,
    heatmap,
    skipRate,
    timeline,
  };
}
