import { reasonLines, type ImportReasons as Reasons } from "@/lib/import/summary";
import { formatCount } from "@/lib/format/numbers";
import styles from "./import.module.css";

/** Why entries were not stored as new plays, in words: "already here" and "passed over", each with its reasons. */
export function ImportReasons({ reasons, locale, compact = false }: { reasons: Reasons; locale: string; compact?: boolean }) {
  const lines = reasonLines(reasons, (count) => formatCount(count, locale));
  const duplicates = lines.filter((line) => line.group === "duplicates");
  const skipped = lines.filter((line) => line.group === "skipped");
  if (lines.length === 0) return compact ? null : <p className="small muted">Every entry is a new play.</p>;
  if (compact) {
    return (
      <span className="small" data-testid="import-reasons">
        {lines.map((line) => line.text).join(" · ")}
      </span>
    );
  }
  return (
    <dl className={styles.reasons} data-testid="import-reasons">
      {duplicates.length > 0 && (
        <div>
          <dt>Already here</dt>
          {duplicates.map((line) => (
            <dd key={line.reason} data-testid={`reason-${line.reason}`}>
              {line.text}
            </dd>
          ))}
        </div>
      )}
      {skipped.length > 0 && (
        <div>
          <dt>Passed over</dt>
          {skipped.map((line) => (
            <dd key={line.reason} data-testid={`reason-${line.reason}`}>
              {line.text}
            </dd>
          ))}
        </div>
      )}
    </dl>
  );
}
