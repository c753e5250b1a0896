"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useLocale } from "@/components/providers/AppProviders";
import { formatCount } from "@/lib/format/numbers";
import { formatBytes } from "@/lib/import/limits";
import { UPLOAD_LIMITS, type ImportProgressEvent, type ImportSummaryEvent } from "./import-protocol";
import { IMPORT_JOBS_QUERY_KEY } from "./ImportJobList";
import { ImportReasons } from "./ImportReasons";
import { cancelUpload, confirmUpload, sendUpload, type Preview } from "./send-upload";
import { filesOfDrop, filesOfPick } from "./chosen-files";
import styles from "./import.module.css";

type UploadState =
  | { kind: "idle" }
  | { kind: "uploading"; loaded: number; total: number }
  | { kind: "previewing"; progress: ImportProgressEvent }
  | { kind: "preview"; preview: Preview }
  | { kind: "importing"; preview: Preview; progress: ImportProgressEvent | null }
  | { kind: "done"; summary: ImportSummaryEvent; warningCount: number }
  | { kind: "cancelled" }
  | { kind: "failed"; message: string };

const MiB = 1024 * 1024;

/** Share of the reading stage done, from the bytes the server has read. */
function readShare(progress: ImportProgressEvent): number {
  return progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 1;
}

/** The first bar: sending the bytes (half), then the server's dry run reading and counting them. */
function previewPercent(state: UploadState): number {
  switch (state.kind) {
    case "uploading":
      return state.total > 0 ? Math.floor((state.loaded / state.total) * 50) : 0;
    case "previewing": {
      const { stage } = state.progress;
      if (stage === "done") return 100;
      if (stage === "storing") return 95;
      return 50 + Math.floor(readShare(state.progress) * 45);
    }
    default:
      return 100;
  }
}

/** The second bar: the import reading the waiting files, then storing the plays. */
function importPercent(progress: ImportProgressEvent | null): number {
  if (!progress) return 0;
  if (progress.stage === "done") return 100;
  if (progress.stage === "storing") return 90;
  return Math.floor(readShare(progress) * 90);
}

function describeReading(progress: ImportProgressEvent, locale: string): string {
  const { stage, filesDone, filesTotal, entries } = progress;
  if (stage === "storing") return `Comparing ${formatCount(entries, locale)} entries with your plays…`;
  if (stage === "done") return "Finishing…";
  return `Reading file ${Math.min(filesDone + 1, filesTotal)} of ${filesTotal}: ${formatCount(entries, locale)} entries so far`;
}

function describePreviewStage(state: UploadState, locale: string): string {
  switch (state.kind) {
    case "uploading":
      return `Uploading: ${formatMiB(state.loaded)} of ${formatMiB(state.total)} MiB`;
    case "previewing":
      return describeReading(state.progress, locale);
    default:
      return "Preview ready";
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

/** Drop zone or file picker; the upload and its preview; then the import once confirmed, with its summary or error. */
export function ImportUploader() {
  const id = useId();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const uploadRef = useRef<{ abort(): void } | null>(null);
  const waitingRef = useRef<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [state, setState] = useState<UploadState>({ kind: "idle" });
  const busy = state.kind === "uploading" || state.kind === "previewing" || state.kind === "preview" || state.kind === "importing";
  const selectionProblem = files.length > 0 ? problemWith(files) : null;

  // Leaving the page sends nothing more, and lets the server delete an upload left waiting.
  useEffect(
    () => () => {
      uploadRef.current?.abort();
      if (waitingRef.current) void cancelUpload(waitingRef.current);
    },
    [],
  );

  const choose = (chosen: File[]) => {
    if (busy) return;
    setFiles(chosen);
    // A folder without any .json file leaves nothing chosen: say so rather than do nothing.
    setState(chosen.length ? { kind: "idle" } : { kind: "failed", message: "No .json file in what was chosen: pick the export's .zip, its folder, or its .json files." });
  };

  const clearChoice = () => {
    setFiles([]);
    for (const input of [inputRef.current, folderRef.current]) if (input) input.value = "";
  };

  const upload = () => {
    const problem = problemWith(files);
    if (problem || busy) return setState({ kind: "failed", message: problem ?? "An upload is already under way." });
    setState({ kind: "uploading", loaded: 0, total: files.reduce((sum, file) => sum + file.size, 0) });
    uploadRef.current = sendUpload(files, {
      onUploadProgress: (loaded, total) => setState({ kind: "uploading", loaded, total }),
      onPreviewProgress: (progress) => setState({ kind: "previewing", progress }),
      onPreview: (preview) => {
        uploadRef.current = null;
        waitingRef.current = preview.uploadId;
        setState({ kind: "preview", preview });
      },
      onError: (message) => {
        uploadRef.current = null;
        setState({ kind: "failed", message });
      },
    });
  };

  const confirm = (preview: Preview) => {
    waitingRef.current = null;
    setState({ kind: "importing", preview, progress: null });
    const refreshJobs = () => void queryClient.invalidateQueries({ queryKey: IMPORT_JOBS_QUERY_KEY });
    void confirmUpload(preview.uploadId, {
      onImportProgress: (progress) => setState({ kind: "importing", preview, progress }),
      onDone: ({ summary, warningCount }) => {
        setState({ kind: "done", summary, warningCount });
        clearChoice();
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

  const cancel = (preview: Preview) => {
    waitingRef.current = null;
    void cancelUpload(preview.uploadId);
    clearChoice();
    setState({ kind: "cancelled" });
  };

  const showPreviewBar = state.kind === "uploading" || state.kind === "previewing";
  const previewValue = previewPercent(state);
  const importing = state.kind === "importing" ? state : null;
  const importValue = state.kind === "done" ? 100 : importPercent(importing?.progress ?? null);

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
          You see what the import will do before anything is stored.
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

      {(state.kind === "idle" || state.kind === "failed" || state.kind === "cancelled" || state.kind === "done" || showPreviewBar) && (
        <div className={styles.actions}>
          <button type="button" className="button" disabled={busy || files.length === 0 || selectionProblem !== null} onClick={upload}>
            {showPreviewBar ? "Preparing the preview…" : "Upload and preview"}
          </button>
          {state.kind === "uploading" && (
            <button type="button" className="button secondary" onClick={() => uploadRef.current?.abort()}>
              Cancel upload
            </button>
          )}
        </div>
      )}

      {showPreviewBar && (
        <ProgressBar label="Upload and preview progress" percent={previewValue} text={describePreviewStage(state, locale)} testId="preview-progress" />
      )}

      {state.kind === "preview" && <PreviewView preview={state.preview} locale={locale} onConfirm={() => confirm(state.preview)} onCancel={() => cancel(state.preview)} />}

      {(state.kind === "importing" || state.kind === "done") && (
        <ProgressBar
          label="Import progress"
          percent={importValue}
          text={state.kind === "done" ? "Import finished" : importing?.progress ? describeReading(importing.progress, locale) : "Starting the import…"}
          testId="import-progress"
        />
      )}

      {state.kind === "cancelled" && (
        <p className={`status-text ${styles.notice}`} role="status" data-testid="import-cancelled">
          Cancelled: nothing was imported, and the uploaded files were deleted from the server.
        </p>
      )}

      {state.kind === "failed" && (
        <div className={`banner error ${styles.notice}`} role="alert" data-testid="import-error">
          <strong>The import did not go through.</strong> {state.message}
        </div>
      )}

      {state.kind === "done" && <ImportSummaryView summary={state.summary} warningCount={state.warningCount} locale={locale} />}
    </section>
  );
}

function ProgressBar({ label, percent, text, testId }: { label: string; percent: number; text: string; testId: string }) {
  return (
    <div className={styles.progressBlock}>
      <div
        className={`progress ${styles.progressBar}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% · ${text}`}
        data-testid={testId}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className="muted small" aria-live="polite" data-testid={`${testId}-stage`}>
        {percent}% · {text}
      </p>
    </div>
  );
}

function PreviewView({ preview, locale, onConfirm, onCancel }: { preview: Preview; locale: string; onConfirm: () => void; onCancel: () => void }) {
  const { summary } = preview;
  const count = (value: number) => formatCount(value, locale);
  const until = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(preview.expiresAt));
  const headingId = useId();
  return (
    <section className={styles.preview} aria-labelledby={headingId} data-testid="import-preview">
      <h3 id={headingId} className={styles.previewHeadline}>
        {summary.inserted > 0
          ? `This import will add ${count(summary.inserted)} ${summary.inserted === 1 ? "play" : "plays"}.`
          : "This import adds no new plays: everything in it is already here or passed over."}
      </h3>
      <p className="small muted" data-testid="preview-totals">
        {count(summary.entries)} {summary.entries === 1 ? "entry" : "entries"} in {count(summary.files)} {summary.files === 1 ? "file" : "files"}: {count(summary.inserted)} new,{" "}
        {count(summary.duplicates)} already here, {count(summary.skipped)} passed over.
      </p>
      <ImportReasons reasons={summary.reasons} locale={locale} />
      <p className="small muted">
        Nothing is stored until you confirm. The uploaded files wait on the server until {until} (30 minutes), then they are deleted.
      </p>
      <div className={styles.actions}>
        <button type="button" className="button" onClick={onConfirm} disabled={summary.inserted === 0 && summary.duplicates === 0}>
          Import {count(summary.inserted)} {summary.inserted === 1 ? "play" : "plays"}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function ImportSummaryView({ summary, warningCount, locale }: { summary: ImportSummaryEvent; warningCount: number; locale: string }) {
  const figures: [string, number, string][] = [
    ["Files", summary.files, "files"],
    ["Entries", summary.entries, "entries"],
    ["New plays", summary.inserted, "inserted"],
    ["Already here", summary.duplicates, "duplicates"],
    ["Passed over", summary.skipped, "skipped"],
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
      <ImportReasons reasons={summary.reasons} locale={locale} />
      <p className="small">
        {warningCount > 0 ? `${formatCount(warningCount, locale)} entries with an impossible date are listed with the import. ` : ""}
        <Link href="/dashboard?range=all">See your whole history on the dashboard</Link>.
      </p>
    </div>
  );
}
