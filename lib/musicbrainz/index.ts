export {
  createMusicBrainzClient,
  artistNameQuery,
  spotifyArtistUrl,
  MusicBrainzBudget,
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_SECONDS,
  type MusicBrainzClient,
  type MusicBrainzClientOptions,
  type NameSearchResult,
} from "./client";
export { readMusicBrainzConfig, readGenresSetting, userAgent, DEFAULT_MUSICBRAINZ_URL, DEFAULT_MUSICBRAINZ_RUN_BUDGET, type GenresSetting, type MusicBrainzConfig } from "./config";
export { databasePacer, memoryPacer, LAST_REQUEST_KEY, REQUEST_SPACING_MS, type RequestPacer } from "./pacer";
export { topGenres, sameArtistName, MAX_GENRES } from "./genres";
export { advanceMusicBrainz, readPausedUntil, PAUSED_UNTIL_KEY, LEASE_KEY, type AdvanceMusicBrainzOptions, type AdvanceMusicBrainzResult } from "./queue";
export { RECHECK_WITH_GENRES_DAYS, RECHECK_WITHOUT_GENRES_DAYS } from "./due";
export { runMusicBrainzStage, type MusicBrainzRunOptions } from "./stage";
export * from "./errors";
export { getMusicBrainzTotals, type MusicBrainzTotals } from "./totals";
