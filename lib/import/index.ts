export {
  importSpotifyExport,
  previewSpotifyExport,
  type ImportOptions,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
  type ImportSummary,
  type ImportWarning,
} from "./import-export";
export { ImportError } from "./errors";
export { DEFAULT_IMPORT_LIMITS, type ImportLimits } from "./limits";
export { classifyHistoryFile, type HistoryKind, type ImportInput } from "./sources";
export { describeSummary, emptyReasons, reasonLines, type ImportReasons } from "./summary";
