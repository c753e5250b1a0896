/** Limits of SPEC section 4: every input is checked against them before anything is inflated. */
export type ImportLimits = {
  /** Files read or listed: entries of a zip, files of a folder, or files given. */
  maxFiles: number;
  /** Inflated bytes of one file. */
  maxFileBytes: number;
  /** Inflated bytes of all history files together. */
  maxTotalBytes: number;
  /** One entry of a history array; bounds the memory a hostile single entry can take. */
  maxEntryBytes: number;
  /** Nesting of objects and arrays inside one entry (real entries are flat). */
  maxDepth: number;
};

const MiB = 1024 * 1024;

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFiles: 1000,
  maxFileBytes: 64 * MiB,
  maxTotalBytes: 2048 * MiB,
  maxEntryBytes: 1 * MiB,
  maxDepth: 32,
};

export function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MiB` : `${bytes} bytes`;
}
