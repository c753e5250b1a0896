/**
 * The small charts of the trends page: for the listed artists and tracks, their streams in each
 * of the last 28 weeks, counted back from D (the last week is D-6..D), which are exactly the 196
 * dates of B and R. Day buckets of the wanted tracks when rollups are in the zone, else plays.
 */
import { trackDays } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { trendSources, type TrendSources } from "@/lib/stats/trend-windows";
import type { TrendsFilter } from "@/lib/stats/trend-types";

export const TREND_WEEKS = 28;

/** Per id, streams per week, oldest first (TREND_WEEKS numbers). */
export type WeeklyStreams = Record<string, number[]>;

type Row = [id: string, weeksBack: number, streams: number];

function toWeekly(ids: string[], rows: Row[] | null): WeeklyStreams {
  const weekly: WeeklyStreams = Object.fromEntries(ids.map((id) => [id, Array.from({ length: TREND_WEEKS }, () => 0)]));
  for (const [id, weeksBack, streams] of rows ?? []) {
    if (weekly[id] && weeksBack >= 0 && weeksBack < TREND_WEEKS) weekly[id][TREND_WEEKS - 1 - weeksBack] += toNumber(streams);
  }
  return weekly;
}

export async function getTrendWeeks(
  db: StatsDb,
  filter: TrendsFilter,
  ids: { artists: string[]; tracks: string[] },
  known?: TrendSources,
): Promise<{ artists: WeeklyStreams; tracks: WeeklyStreams }> {
  if (ids.artists.length === 0 && ids.tracks.length === 0) return { artists: {}, tracks: {} };
  const sources = known ?? (await trendSources(db, filter));
  const window = sources.windows.weeks;
  const [row] = await db.$queryRaw<{ result: string }[]>`
    WITH artist_tracks AS MATERIALIZED (
      SELECT DISTINCT ta.artist_id, ta.track_id FROM track_artists ta WHERE ta.artist_id = ANY(${ids.artists}::text[])
    ),
    wanted AS (SELECT unnest(${ids.tracks}::text[]) AS track_id UNION SELECT track_id FROM artist_tracks),
    week_days AS MATERIALIZED (
      SELECT td.track_id, (${sources.windows.today}::date - td.local_date) / 7 AS weeks_back, td.streams
      FROM (${trackDays(sources.rawFilter(window), sources.plan(window))}) td
      WHERE td.track_id IN (SELECT track_id FROM wanted)
    )
    SELECT json_build_array(
      (SELECT json_agg(json_build_array(w.artist_id, w.weeks_back, w.streams))
       FROM (SELECT t.artist_id, d.weeks_back, sum(d.streams)::bigint AS streams
             FROM week_days d JOIN artist_tracks t ON t.track_id = d.track_id GROUP BY 1, 2) w),
      (SELECT json_agg(json_build_array(d.track_id, d.weeks_back, d.streams))
       FROM (SELECT track_id, weeks_back, sum(streams)::bigint AS streams FROM week_days
             WHERE track_id = ANY(${ids.tracks}::text[]) GROUP BY 1, 2) d)
    )::text AS result`;
  const [artistRows, trackRows] = JSON.parse(row.result) as [Row[] | null, Row[] | null];
  return { artists: toWeekly(ids.artists, artistRows), tracks: toWeekly(ids.tracks, trackRows) };
}
