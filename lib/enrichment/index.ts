export {
  advanceEnrichment,
  getEnrichmentState,
  ARTIST_DETAILS_MAX_AGE_MS,
  LAST_STOP_KEY,
  PAUSED_UNTIL_KEY,
  type AdvanceOptions,
  type AdvanceResult,
  type EnrichmentClient,
  type EnrichmentState,
} from "./queue";
