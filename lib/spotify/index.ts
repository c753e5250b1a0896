export { SPOTIFY_SCOPES, readSpotifyConfig, type SpotifyConfig } from "./config";
export { createCodeVerifier, codeChallengeFor, createPkcePair } from "./pkce";
export {
  buildAuthorizeUrl,
  exchangeCode,
  refreshAccessToken,
  type AccountsOptions,
  type AuthorizeUrlParams,
  type TokenSet,
} from "./accounts";
export {
  createSpotifyClient,
  type AccessTokenSource,
  type PageQuery,
  type RecentlyPlayedQuery,
  type SpotifyClient,
  type SpotifyClientOptions,
} from "./client";
export { RequestBudget, ConcurrencyLimit, spotifyConcurrency } from "./budget";
export { MAX_ATTEMPTS, type TransportOptions } from "./transport";
export * from "./errors";
export * from "./schemas";
