"use client";

import { RangePicker } from "@/components/range/RangePicker";

/** Every dashboard page's frame: title, range picker, and the loading/error state of a range change. */
export function ReportFrame({
  title,
  timeZone,
  updating,
  error,
  retry,
  actions,
  children,
}: {
  title: string;
  timeZone: string;
  updating: boolean;
  error: Error | null;
  retry: () => void;
  /** Buttons beside the title (the overview's "Share"). */
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="report-frame" aria-busy={updating}>
      <div className="page-heading">
        <h1>{title}</h1>
        {updating && (
          <span className="updating muted" role="status">
            Updating…
          </span>
        )}
        {actions}
      </div>
      <RangePicker timeZone={timeZone} />
      {error && !updating && (
        <div className="banner error" role="alert">
          {error.message}{" "}
          <button type="button" className="button small secondary" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      <div className={updating ? "report-body stale" : "report-body"}>{children}</div>
    </div>
  );
}
