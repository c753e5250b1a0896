"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useLocale } from "@/components/providers/AppProviders";
import { formatCount } from "@/lib/format/numbers";
import { formatBytes } from "@/lib/import/limits";
import { UPLOAD_LIMITS, type ImportProgressEvent, type ImportSummaryEvent } from "./import-protocol";
import { IMPORT_JOBS_QUERY_KEY } from "./ImportJobList";
import { sendUpload } from "./send-upload";
import { filesOfDrop, filesOfPick } from "./chosen-files";
import styles from "./import.module.css";

type UploadState =
  | { kind: "idle" }
  | { kind: "uploading"; loaded: number; total: number }
  | { kind: "importing"; progress: ImportProgressEvent }
  | { kind: "done"; summary: ImportSummaryEvent; warningCount: number }
  | { kind: "failed"; message: string };

const MiB = 1024 * 1024;

/** The bar's share of each phase: sending the bytes, then the server reading them, then storing. */
function percentOf(state: UploadState): number {
  switch (state.kind) {
    case "uploading":
      return state.total > 0 ? Math.floor((state.loaded / state.total) * 50) : 0;
    case "importing": {
      const { stage, bytesDone, bytesTotal } = state.progress;
      if (stage === "done") return 100;
      if (stage === "storing") return 95;
      return 50 + Math.floor((bytesTotal > 0 ? bytesDone / bytesTotal : 1) * 45);
    }
    case "done":
      return 100;
    default:
      return 0;
  }
}

function describeState(state: UploadState, locale: string): string {
  switch (state.kind) {
    case "uploading":
      return `Uploading: ${formatMiB(state.loaded)} of ${formatMiB(state.total)} MiB`;
    case "importing": {
      const { stage, filesDone, filesTotal, entries } = state.progress;
      if (stage === "storing") return `Storing ${formatCount(entries, locale)} entries…`;
      if (stage === "done") return "Finishing…";
      return `Reading file ${Math.min(filesDone + 1, filesTotal)} of ${filesTotal}: ${formatCount(entries, locale)} entries so far`;
    }
    case "done":
      return "Import finished";
    default:
      return "";
  }
}

function formatMiB(bytes: number): string {
  return (bytes / MiB).toFixed(1);
}

/** Refuses in the browser what the server would refuse (limits of SPEC section 4), before sending a byte. */
function problemWith(files: readonly File[]): string | null {
  if (files.length === 0) return "Choose the export .zip, its folder or its .json files first.";
  if (files.length > UPLOAD_LIMITS.maxFiles) return `${files.length} files: at most ${UPLOAD_LIMITS.maxFiles} can be imported at once.`;
  const other = files.find((file) => !/\.(zip|json)$/i.test(file.name));
  if (other) return `${other.name}: expected the Spotify export .zip or its .json files.`;
  const large = files.find((file) => /\.json$/i.test(file.name) && file.size > UPLOAD_LIMITS.maxFileBytes);
  if (large) return `${large.name}: ${formatMiB(large.size)} MiB, more than the limit of ${formatBytes(UPLOAD_LIMITS.maxFileBytes)} per file.`;
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > UPLOAD_LIMITS.maxTotalBytes) return `The files add up to ${formatMiB(total)} MiB, more than the limit of ${formatBytes(UPLOAD_LIMITS.maxTotalBytes)}.`;
  return null;
}

/** Drop zone or file picker, the progress of one import, and its summary or error. */
export function ImportUploader() {
  const id = useId();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const uploadRef = useRef<{ abort(): void } | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [state, setState] = useState<UploadState>({ kind: "idle" });
  const busy = state.kind === "uploading" || state.kind === "importing";
  const selectionProblem = files.length > 0 ? problemWith(files) : null;

  useEffect(() => () => uploadRef.current?.abort(), []);

  const choose = (chosen: File[]) => {
    if (busy) return;
    setFiles(chosen);
    // A folder without any .json file leaves nothing chosen: say so rather than do nothing.
    setState(chosen.length ? { kind: "idle" } : { kind: "failed", message: "No .json file in what was chosen: pick the export's .zip, its folder, or its .json files." });
  };

  const start = () => {
    const problem = problemWith(files);
    if (problem || busy) return setState({ kind: "failed", message: problem ?? "An import is already running." });
    const refreshJobs = () => void queryClient.invalidateQueries({ queryKey: IMPORT_JOBS_QUERY_KEY });
    setState({ kind: "uploading", loaded: 0, total: files.reduce((sum, file) => sum + file.size, 0) });
    uploadRef.current = sendUpload(files, {
      onUploadProgress: (loaded, total) => setState({ kind: "uploading", loaded, total }),
      onImportProgress: (progress) => setState({ kind: "importing", progress }),
      onDone: ({ summary, warningCount }) => {
        setState({ kind: "done", summary, warningCount });
        setFiles([]);
        for (const input of [inputRef.current, folderRef.current]) if (input) input.value = "";
        refreshJobs();
        // The dashboard's cached figures predate the import.
        void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== IMPORT_JOBS_QUERY_KEY[0] });
      },
      onError: (message) => {
        setState({ kind: "failed", message });
        refreshJobs();
      },
    });
  };

  const percent = percentOf(state);
  const showProgress = busy || state.kind === "done";

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Import your export
      </h2>
      {/* The zone takes drops and mouse clicks; the keyboard reaches the native file input inside it
          (a focusable role="button" around an input would nest two controls). */}
      <div
        className={`${styles.dropZone} ${dragging ? styles.dragging : ""}`}
        role="group"
        aria-labelledby={`${id}-drop-title`}
        aria-describedby={`${id}-hint`}
        data-testid="drop-zone"
        onClick={(event) => {
          if (event.target === event.currentTarget && !busy) inputRef.current?.click();
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void filesOfDrop(event.dataTransfer).then(choose, () => setState({ kind: "failed", message: "The dropped folder could not be read." }));
        }}
      >
        <span id={`${id}-drop-title`} className={styles.dropTitle}>
          Drop my_spotify_data.zip or its unzipped folder here, or choose below
        </span>
        <span id={`${id}-hint`} className="muted small">
          The .zip as Spotify sent it, its unzipped folder, or its Streaming_History_Audio_*.json / StreamingHistory_music_*.json files. Up to 2 GiB.
        </span>
        <label className="field-label" htmlFor={`${id}-files`}>
          Spotify export (.zip or .json files)
        </label>
        <input
          ref={inputRef}
          id={`${id}-files`}
          className={styles.fileInput}
          type="file"
          multiple
          accept=".zip,.json,application/zip,application/json"
          disabled={busy}
          onChange={(event) => event.target.files && choose(filesOfPick(event.target.files))}
        />
        <label className="field-label" htmlFor={`${id}-folder`}>
          Or the unzipped export folder
        </label>
        <input
          ref={folderRef}
          id={`${id}-folder`}
          className={styles.fileInput}
          type="file"
          // React has no prop for it: the browser's folder picker (its .json files are sent).
          {...{ webkitdirectory: "" }}
          disabled={busy}
          onChange={(event) => event.target.files && choose(filesOfPick(event.target.files))}
        />
      </div>

      {files.length > 0 && (
        <ul className={styles.fileList} aria-label="Chosen files" data-testid="chosen-files">
          {files.map((file) => (
            <li key={file.webkitRelativePath || file.name}>
              {file.webkitRelativePath || file.name} <span className="muted">({formatMiB(file.size)} MiB)</span>
            </li>
          ))}
        </ul>
      )}
      {selectionProblem && (
        <p className="status-text error-text" role="alert">
          {selectionProblem}
        </p>
      )}

      <div className={styles.actions}>
        <button type="button" className="button" disabled={busy || files.length === 0 || selectionProblem !== null} onClick={start}>
          {busy ? "Importing…" : "Import"}
        </button>
        {busy && (
          <button type="button" className="button secondary" disabled={state.kind === "importing"} onClick={() => uploadRef.current?.abort()}>
            Cancel upload
          </button>
        )}
      </div>

      {showProgress && (
        <div className={styles.progressBlock}>
          <div
            className={`progress ${styles.progressBar}`}
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}% · ${describeState(state, locale)}`}
            data-testid="import-progress"
          >
            <span style={{ width: `${percent}%` }} />
          </div>
          <p className="muted small" aria-live="polite" data-testid="import-stage">
            {percent}% · {describeState(state, locale)}
          </p>
        </div>
      )}

      {state.kind === "failed" && (
        <div className="banner error" role="alert" data-testid="import-error">
          <strong>The import did not go through.</strong> {state.message}
        </div>
      )}

      {state.kind === "done" && <ImportSummaryView summary={state.summary} warningCount={state.warningCount} locale={locale} />}
    </section>
  );
}

function ImportSummaryView({ summary, warningCount, locale }: { summary: ImportSummaryEvent; warningCount: number; locale: string }) {
  const figures: [string, number, string][] = [
    ["Files", summary.files, "files"],
    ["Entries", summary.entries, "entries"],
    ["New plays", summary.inserted, "inserted"],
    ["Already known", summary.duplicates, "duplicates"],
    ["Skipped", summary.skipped, "skipped"],
  ];
  return (
    <div data-testid="import-summary" role="status">
      <dl className={styles.summary}>
        {figures.map(([label, value, key]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-testid={`summary-${key}`}>{formatCount(value, locale)}</dd>
          </div>
        ))}
      </dl>
      <p className="small">
        Skipped: podcasts, audiobooks, files from your own device, and entries whose timestamp cannot be a real play
        {warningCount > 0 ? ` (${formatCount(warningCount, locale)} of those, reported)` : ""}. Already known: plays Encore had stored before,
        kept once.{" "}
        <Link href="/dashboard?range=all">See your whole history on the dashboard</Link>.
      </p>
    </div>
  );
}
