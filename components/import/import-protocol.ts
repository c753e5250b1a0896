/**
 * What the upload page and the import routes say to each other (no server-only imports here: the
 * browser bundles this file). `POST /api/import/uploads` takes one manifest line, then the files'
 * bytes in manifest order, and answers NDJSON: the preview's progress lines, then one `preview`
 * (the upload waits for confirmation) or `error` line. `POST /api/import/uploads/{id}/confirm`
 * answers the import's progress lines, then one `done` or `error` line; `DELETE
 * /api/import/uploads/{id}` cancels. `POST /api/import` is the one-step import (no preview).
 */
import { z } from "zod";
import { DEFAULT_IMPORT_LIMITS } from "@/lib/import/limits";

/** The limits of SPEC section 4, checked in the browser before sending for a quick, clear refusal (limits.ts has no server-only imports). */
export const UPLOAD_LIMITS = DEFAULT_IMPORT_LIMITS;

export const importProgressSchema = z.object({
  stage: z.enum(["reading", "storing", "done"]),
  filesDone: z.number(),
  filesTotal: z.number(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  entries: z.number(),
});

const count = z.number().int().nonnegative();

export const importReasonsSchema = z.object({
  skipped: z.object({ episode: count, audiobook: count, localFile: count, noTrack: count, before2008: count, future: count }),
  duplicates: z.object({ sameImport: count, stored: count, mergedIntoRecentlyPlayed: count }),
});

export const importSummarySchema = z.object({
  files: count,
  entries: count,
  inserted: count,
  duplicates: count,
  skipped: count,
  reasons: importReasonsSchema,
});

export const importStreamEventSchema = z.discriminatedUnion("type", [
  importProgressSchema.extend({ type: z.literal("progress") }),
  z.object({ type: z.literal("done"), jobId: z.string(), summary: importSummarySchema, warningCount: z.number() }),
  z.object({ type: z.literal("preview"), uploadId: z.string(), expiresAt: z.string(), summary: importSummarySchema, warningCount: z.number() }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);

export type ImportProgressEvent = z.infer<typeof importProgressSchema>;
/** Structurally lib/import's ImportSummary. */
export type ImportSummaryEvent = z.infer<typeof importSummarySchema>;
export type ImportStreamEvent = z.infer<typeof importStreamEventSchema>;

/** One row of the past imports list, as `GET /api/import` sends it. */
export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(["running", "succeeded", "failed"]),
  source: z.string(),
  files: z.number(),
  entries: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
  skipped: z.number(),
  /** Null for imports made before the summary said why. */
  reasons: importReasonsSchema.nullable(),
  warningCount: z.number(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export type ImportJobRow = z.infer<typeof importJobSchema>;

export const importJobListSchema = z.object({ jobs: z.array(importJobSchema) });

/** The first line of the request body. */
export function manifestLine(files: readonly { name: string; size: number }[]): string {
  return `${JSON.stringify(files.map(({ name, size }) => ({ name, size })))}\n`;
}
