import type { IngestUserStatus } from "@/lib/ingest/types";
import styles from "./status.module.css";

const TONE: Record<IngestUserStatus, string> = { ok: styles.ok, deferred: styles.warning, reauth: styles.warning, error: styles.failure };

/** A run outcome as a coloured pill; the word itself is the status, so it reads without colour. */
export function StatusBadge({ status }: { status: IngestUserStatus }) {
  return (
    <span className={`${styles.status} ${TONE[status]}`} data-testid="ingest-status">
      {status}
    </span>
  );
}
