"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale } from "@/components/providers/AppProviders";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { ImportReasons } from "./ImportReasons";
import { importJobListSchema, type ImportJobRow } from "./import-protocol";
import styles from "./import.module.css";
import tables from "@/components/tables/tables.module.css";

export const IMPORT_JOBS_QUERY_KEY = ["import-jobs"] as const;

const JOB_TONE: Record<string, string> = { succeeded: tables.good, running: tables.warning, failed: tables.bad };

async function fetchImportJobs(): Promise<ImportJobRow[]> {
  const response = await fetch("/api/import", { cache: "no-store" });
  if (!response.ok) throw new Error(`Loading your imports failed (HTTP ${response.status}).`);
  return importJobListSchema.parse(await response.json()).jobs;
}

/** The user's past imports, newest first: rendered on the server, refreshed here after each import. */
export function ImportJobList({ initialJobs, timeZone }: { initialJobs: ImportJobRow[]; timeZone: string }) {
  const locale = useLocale();
  const { data: jobs = initialJobs } = useQuery({ queryKey: IMPORT_JOBS_QUERY_KEY, queryFn: fetchImportJobs, initialData: initialJobs, staleTime: Infinity });
  return (
    <section className="card" aria-labelledby="import-jobs-heading">
      <h2 id="import-jobs-heading" className="card-title">
        Your imports
      </h2>
      {jobs.length === 0 ? (
        <p className="muted" data-testid="import-jobs-empty">
          No imports yet. Your first one will be listed here, with what it added.
        </p>
      ) : (
        <div className={tables.tableWrap}>
          <table className={tables.table} data-testid="import-jobs">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col" className={tables.numeric}>
                  Files
                </th>
                <th scope="col" className={tables.numeric}>
                  Entries
                </th>
                <th scope="col" className={tables.numeric}>
                  New plays
                </th>
                <th scope="col" className={tables.numeric}>
                  Already here
                </th>
                <th scope="col" className={tables.numeric}>
                  Passed over
                </th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} data-testid="import-job">
                  <td>
                    <time dateTime={job.startedAt}>{formatInstant(job.startedAt, locale, timeZone)}</time>
                    <div className="muted small">{job.source === "upload" ? "upload" : "command line"}</div>
                  </td>
                  <td>
                    <span className={`${tables.pill} ${JOB_TONE[job.status]}`} data-testid="import-job-status">
                      {job.status}
                    </span>
                  </td>
                  <td className={tables.numeric}>{formatCount(job.files, locale)}</td>
                  <td className={tables.numeric}>{formatCount(job.entries, locale)}</td>
                  <td className={tables.numeric} data-testid="import-job-inserted">
                    {formatCount(job.inserted, locale)}
                  </td>
                  <td className={tables.numeric}>{formatCount(job.duplicates, locale)}</td>
                  <td className={tables.numeric}>{formatCount(job.skipped, locale)}</td>
                  <td className={`small ${styles.errorCell}`} data-testid="import-job-details">
                    {job.error ?? <JobReasons job={job} locale={locale} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function JobReasons({ job, locale }: { job: ImportJobRow; locale: string }) {
  const reported = job.warningCount > 0 ? `${formatCount(job.warningCount, locale)} with an impossible date reported` : null;
  if (!job.reasons) return reported ? <>{reported}</> : <span className="muted">—</span>;
  const nothing = job.duplicates === 0 && job.skipped === 0;
  return (
    <>
      {nothing ? <span className="muted">every entry new</span> : <ImportReasons reasons={job.reasons} locale={locale} compact />}
      {reported && <div className="muted">{reported}</div>}
    </>
  );
}
