/**
 * The report of SPEC section 5: every statistic for one user and range, composed from the
 * modules of lib/stats (one query plan for all of them, statements run concurrently on the pool).
 */
import { albumCompletionJson, toAlbumCompletion } from "@/lib/stats/albumCompletion";
import { artistStreaksJson, toArtistStreaks } from "@/lib/stats/artistStreaks";
import { heatmapJson, toHeatmap } from "@/lib/stats/heatmap";
import { newArtistsJson } from "@/lib/stats/newArtists";
import { planStats } from "@/lib/stats/plan";
import { getSessions } from "@/lib/stats/sessions";
import { SKIP_RATE_JSON, toSkipRate } from "@/lib/stats/skipRate";
import type { StatsDb } from "@/lib/stats/sql";
import { currentStreakJson, LONGEST_STREAK_JSON, toStreak } from "@/lib/stats/streaks";
import { TIMELINE_JSON, toTimeline } from "@/lib/stats/timeline";
import { queryStreamed } from "@/lib/stats/streamed";
import { toTopAlbums, topAlbumsJson } from "@/lib/stats/topAlbums";
import { toTopArtists, topArtistsJson } from "@/lib/stats/topArtists";
import { toTopGenres, topGenresJson } from "@/lib/stats/topGenres";
import { toTopTracks, topTracksJson } from "@/lib/stats/topTracks";
import { TOTAL_PLAYS_JSON, toTotals, UNIQUE_ARTISTS_JSON, UNIQUE_TRACKS_ALBUMS_JSON } from "@/lib/stats/totals";
import type { Report, StatsFilter } from "@/lib/stats/types";

export class UnknownUserError extends Error {
  override name = "UnknownUserError";
}

/**
 * Two shared statements (lib/stats/streamed.ts) split so that each keeps one core busy for
 * about as long: the artist-side figures (credits are the costly part) and the track, album,
 * day and hour figures; sessions run beside them.
 */
export async function getReport(db: StatsDb, filter: StatsFilter): Promise<Report> {
  const [user, plan] = await Promise.all([
    db.user.findUnique({ where: { id: filter.userId }, select: { spotifyId: true, displayName: true } }),
    planStats(db, filter),
  ]);
  if (!user) throw new UnknownUserError(`no user with id ${filter.userId}`);
  const [artistSide, trackSide, sessions] = await Promise.all([
    queryStreamed(db, filter, plan, [UNIQUE_ARTISTS_JSON, newArtistsJson(filter, plan), topArtistsJson(filter), topGenresJson(filter), artistStreaksJson(filter, plan)]),
    queryStreamed(db, filter, plan, [
      TOTAL_PLAYS_JSON,
      UNIQUE_TRACKS_ALBUMS_JSON,
      topTracksJson(filter),
      topAlbumsJson(filter),
      albumCompletionJson(filter),
      LONGEST_STREAK_JSON,
      SKIP_RATE_JSON,
      TIMELINE_JSON,
      currentStreakJson(filter, plan),
      heatmapJson(filter, plan),
    ]),
    getSessions(db, filter, plan),
  ]);
  const [uniqueArtists, newArtists, topArtists, topGenres, artistStreaks] = artistSide;
  const [totalPlays, uniqueTracksAlbums, topTracks, topAlbums, albumCompletion, longest, skipRate, timeline, current, heatmap] = trackSide;
  return {
    user: { spotifyId: user.spotifyId, displayName: user.displayName, timeZone: filter.timeZone },
    range: { from: filter.from?.toISOString() ?? null, to: filter.to?.toISOString() ?? null },
    totals: toTotals(totalPlays, uniqueTracksAlbums, uniqueArtists, newArtists),
    topArtists: toTopArtists(topArtists),
    topTracks: toTopTracks(topTracks),
    topAlbums: toTopAlbums(topAlbums),
    topGenres: toTopGenres(topGenres),
    streaks: { longest: toStreak(longest), current: toStreak(current), artists: toArtistStreaks(artistStreaks) },
    albumCompletion: toAlbumCompletion(albumCompletion),
    sessions,
    heatmap: toHeatmap(heatmap),
    skipRate: toSkipRate(skipRate),
    timeline: toTimeline(timeline),
  };
}
