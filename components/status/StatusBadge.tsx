import type { IngestUserStatus } from "@/lib/ingest/types";
import tables from "@/components/tables/tables.module.css";

const TONE: Record<IngestUserStatus, string> = { ok: tables.good, deferred: tables.warning, reauth: tables.warning, error: tables.bad };

/** A run outcome as a coloured pill; the word itself is the status, so it reads without colour. */
export function StatusBadge({ status }: { status: IngestUserStatus }) {
  return (
    <span className={`${tables.pill} ${TONE[status]}`} data-testid="ingest-status">
      {status}
    </span>
  );
}
