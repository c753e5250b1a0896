/**
 * The import's summary (SPEC section 4) and its plain-words reading, shared by the importer, the
 * command line and the import page (no server-only imports: the browser bundles this file).
 */
export const SKIP_REASONS = ["episode", "audiobook", "localFile", "noTrack", "before2008", "future"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const DUPLICATE_REASONS = ["sameImport", "stored", "mergedIntoRecentlyPlayed"] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** Why entries were not stored as new plays; each group sums to the summary's total of it. */
export type ImportReasons = { skipped: Record<SkipReason, number>; duplicates: Record<DuplicateReason, number> };

export type ImportSummary = { files: number; entries: number; inserted: number; duplicates: number; skipped: number; reasons: ImportReasons };

export function emptyReasons(): ImportReasons {
  return {
    skipped: { episode: 0, audiobook: 0, localFile: 0, noTrack: 0, before2008: 0, future: 0 },
    duplicates: { sameImport: 0, stored: 0, mergedIntoRecentlyPlayed: 0 },
  };
}

export function sumOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** Each reason in words, singular and plural, as the page and the command line say it. */
const REASON_WORDS: Record<SkipReason | DuplicateReason, [string, string]> = {
  episode: ["podcast episode", "podcast episodes"],
  audiobook: ["audiobook chapter", "audiobook chapters"],
  localFile: ["local file (no Spotify id)", "local files (no Spotify id)"],
  noTrack: ["entry naming no track", "entries naming no track"],
  before2008: ["entry dated before 2008", "entries dated before 2008"],
  future: ["entry dated in the future", "entries dated in the future"],
  sameImport: ["repeat within the export", "repeats within the export"],
  stored: ["play already stored", "plays already stored"],
  mergedIntoRecentlyPlayed: ["play merged into one from recently played", "plays merged into ones from recently played"],
};

export type ReasonLine = { group: "skipped" | "duplicates"; reason: SkipReason | DuplicateReason; count: number; text: string };

/** The non-zero reasons, each as "315 podcast episodes", counts written by `format`. */
export function reasonLines(reasons: ImportReasons, format: (count: number) => string = String): ReasonLine[] {
  const lines: ReasonLine[] = [];
  for (const reason of DUPLICATE_REASONS) {
    const count = reasons.duplicates[reason];
    if (count > 0) lines.push({ group: "duplicates", reason, count, text: `${format(count)} ${REASON_WORDS[reason][count === 1 ? 0 : 1]}` });
  }
  for (const reason of SKIP_REASONS) {
    const count = reasons.skipped[reason];
    if (count > 0) lines.push({ group: "skipped", reason, count, text: `${format(count)} ${REASON_WORDS[reason][count === 1 ? 0 : 1]}` });
  }
  return lines;
}

/** "will add 48,210 plays; 1,203 already here; 315 podcast episodes passed over" in full sentences. */
export function describeSummary(summary: ImportSummary, options: { preview: boolean; format?: (count: number) => string }): string[] {
  const format = options.format ?? String;
  const plays = (count: number) => `${format(count)} ${count === 1 ? "play" : "plays"}`;
  const read = `${format(summary.entries)} ${summary.entries === 1 ? "entry" : "entries"} in ${format(summary.files)} ${summary.files === 1 ? "file" : "files"}`;
  const lines = [options.preview ? `${read}: this import will add ${plays(summary.inserted)}.` : `${read}: ${plays(summary.inserted)} added.`];
  const reasons = reasonLines(summary.reasons, format);
  const listed = (group: ReasonLine["group"]) => reasons.filter((line) => line.group === group).map((line) => line.text).join(", ");
  if (summary.duplicates > 0) lines.push(`${format(summary.duplicates)} already here: ${listed("duplicates")}.`);
  if (summary.skipped > 0) lines.push(`${format(summary.skipped)} passed over: ${listed("skipped")}.`);
  return lines;
}
