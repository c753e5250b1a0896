/** Public surface of the statistics engine (SPEC section 5). */
export { getReport, UnknownUserError } from "@/lib/stats/report";
export { formatReport } from "@/lib/stats/report-text";
export { refreshRollups, rebuildRollups, refreshRollupsForTracks } from "@/lib/stats/rollups";
export {
  parseBound,
  parseRangeOptions,
  parseTimeZone,
  parseYear,
  RangeArgumentError,
  RANGE_PRESETS,
  DEFAULT_RANGE_PRESET,
  resolveRangeQuery,
  yearRange,
  type InstantRange,
  type RangePreset,
  type ResolvedRange,
} from "@/lib/stats/range";
export { localDateOf, startOfLocalDate } from "@/lib/stats/local-time";
export { getTotals } from "@/lib/stats/totals";
export { getTopArtists } from "@/lib/stats/topArtists";
export { getTopTracks } from "@/lib/stats/topTracks";
export { getTopAlbums } from "@/lib/stats/topAlbums";
export { getTopGenres } from "@/lib/stats/topGenres";
export { countNewArtists } from "@/lib/stats/newArtists";
export { getLongestStreak, getCurrentStreak } from "@/lib/stats/streaks";
export { getArtistStreaks } from "@/lib/stats/artistStreaks";
export { getAlbumCompletion } from "@/lib/stats/albumCompletion";
export { getSessions } from "@/lib/stats/sessions";
export { getHeatmap } from "@/lib/stats/heatmap";
export { getSkipRate } from "@/lib/stats/skipRate";
export { getTimeline } from "@/lib/stats/timeline";
export { getArtistReport, type ArtistReport } from "@/lib/stats/artistReport";
export { getArtistMonths, type ArtistMonth } from "@/lib/stats/artistMonths";
export * from "@/lib/stats/types";
export { getTrends, getTrendsPage, type TrendsPage } from "@/lib/stats/trends";
export * from "@/lib/stats/trend-types";
