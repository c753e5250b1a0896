/**
 * The trends report of SPEC 5c (`report --trends`, `GET /api/trends`), composed from the figure
 * modules in one statement: rising/fading artists, rising tracks and rediscoveries over the trend
 * counts (lib/stats/trend-counts.ts), and the daily minutes the unusual days are scored from.
 */
import { fadingArtistsJson, risingArtistsJson, risingTracksJson, toTrendItems, toTrendTracks } from "@/lib/stats/risingFading";
import { rediscoveriesJson, toRediscoveries } from "@/lib/stats/rediscoveries";
import type { StatsDb } from "@/lib/stats/sql";
import { addDays } from "@/lib/stats/local-time";
import { trendSources, type TrendSources } from "@/lib/stats/trend-windows";
import { queryTrendCounts } from "@/lib/stats/trend-counts";
import { getTrendWeeks, type WeeklyStreams } from "@/lib/stats/trendWeeks";
import { getTrackCredits, type Credit } from "@/lib/stats/trackCredits";
import type { DailySeries } from "@/lib/stats/day-scores";
import { dayMinutesJson, toDayScores, unusualDaysOf, type DayScore } from "@/lib/stats/unusualDays";
import type { Trends, TrendsFilter } from "@/lib/stats/trend-types";
import type { LocalDate } from "@/lib/stats/types";

/** One statement for the whole report (after the rollup lookup): the trend counts' lists and the daily minutes. */
async function computeTrends(db: StatsDb, filter: TrendsFilter, sources: TrendSources): Promise<{ trends: Trends; days: DayScore[]; series: DailySeries; firstPlayDate: LocalDate | null }> {
  const [rising, fading, tracks, rediscoveries, minutes] = await queryTrendCounts(db, sources, [
    risingArtistsJson(filter.limit),
    fadingArtistsJson(filter.limit),
    risingTracksJson(filter.limit),
    rediscoveriesJson(sources, filter.limit),
    dayMinutesJson(sources),
  ]);
  const scores = toDayScores(minutes, sources);
  const { windows } = sources;
  return {
    trends: {
      now: filter.now.toISOString(),
      recent: { from: windows.recent.from, to: windows.today },
      risingArtists: toTrendItems(rising),
      fadingArtists: toTrendItems(fading),
      risingTracks: toTrendTracks(tracks),
      rediscoveries: toRediscoveries(rediscoveries),
      unusualDays: unusualDaysOf(scores.days, filter.limit),
    },
    days: scores.days,
    series: scores.series,
    firstPlayDate: scores.firstPlayDate,
  };
}

export async function getTrends(db: StatsDb, filter: TrendsFilter): Promise<Trends> {
  return (await computeTrends(db, filter, await trendSources(db, filter))).trends;
}

/** Everything the trends page shows: the report, the last year's scored days, the rising items' weekly streams, and when history starts. */
export type TrendsPage = {
  trends: Trends;
  timeZone: string;
  /** Local date of the first play; null without plays. */
  firstPlayDate: LocalDate | null;
  /** The first D with 28 dates of history (fewer: the page says when trends appear). */
  readyOn: LocalDate | null;
  days: DayScore[];
  /** The ms of streams per date the days are scored from (D-392..D). */
  series: DailySeries;
  weeks: { artists: WeeklyStreams; tracks: WeeklyStreams };
  /** The rising tracks' artists with their ids (each links to its page). */
  trackCredits: Record<string, Credit[]>;
};

/** Trends need R's 28 dates of history: D - 27 on or after the first play's date. */
export const HISTORY_DAYS = 28;

export async function getTrendsPage(db: StatsDb, filter: TrendsFilter): Promise<TrendsPage> {
  const sources = await trendSources(db, filter);
  const { trends, days, series, firstPlayDate } = await computeTrends(db, filter, sources);
  const trackIds = trends.risingTracks.map((item) => item.id);
  const [weeks, trackCredits] = await Promise.all([
    getTrendWeeks(db, filter, { artists: trends.risingArtists.map((item) => item.id), tracks: trackIds }, sources),
    getTrackCredits(db, trackIds),
  ]);
  return {
    trends,
    timeZone: filter.timeZone,
    firstPlayDate,
    readyOn: firstPlayDate === null ? null : addDays(firstPlayDate, HISTORY_DAYS - 1),
    days,
    series,
    weeks,
    trackCredits,
  };
}
