/** The signed-in user's past imports, newest first (server only: reads the database). */
import type { Db } from "@/lib/db/client";
import { importReasonsSchema, type ImportJobRow } from "./import-protocol";

/** The page shows the latest imports; older ones stay in the database. */
const LISTED_JOBS = 20;

export async function listImportJobs(db: Db, userId: string): Promise<ImportJobRow[]> {
  const jobs = await db.importJob.findMany({ where: { userId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: LISTED_JOBS });
  return jobs.map((job) => ({
    id: job.id,
    status: job.status,
    source: job.source,
    files: job.files,
    entries: job.entries,
    inserted: job.inserted,
    duplicates: job.duplicates,
    skipped: job.skipped,
    reasons: importReasonsSchema.safeParse(job.reasons).data ?? null,
    warningCount: warningCountOf(job.warnings),
    error: job.error,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }));
}

/** The importer stores `{ count, entries }` (see lib/import/import-export.ts). */
function warningCountOf(warnings: unknown): number {
  const count = (warnings as { count?: unknown } | null)?.count;
  return typeof count === "number" ? count : 0;
}
