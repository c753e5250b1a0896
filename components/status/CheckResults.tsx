import type { CheckResult } from "@/lib/checks/run-checks";
import { formatCount } from "@/lib/format/numbers";
import styles from "./status.module.css";
import tables from "@/components/tables/tables.module.css";

/** SPEC §7's checks over the user's own data; gaps are information, never a failure. */
export function CheckResults({ checks, locale }: { checks: CheckResult[]; locale: string }) {
  const failed = checks.filter((check) => !check.ok).length;
  return (
    <section className="card" aria-labelledby="checks-heading" data-testid="check-results">
      <h2 id="checks-heading" className="card-title">
        Data quality
      </h2>
      <p className="muted">{failed === 0 ? "All checks pass on your data." : `${failed} of ${checks.length} checks found a problem in your data.`}</p>
      <ul className={styles.checks}>
        {checks.map((check) => (
          <li key={check.name} className={styles.check} data-testid={`check-${check.name}`}>
            <span className={`${tables.pill} ${check.informational ? "" : check.ok ? tables.good : tables.bad}`}>
              {check.informational ? "info" : check.ok ? "pass" : "fail"}
            </span>
            <span>
              {check.description}
              <span className="muted"> · {formatCount(check.count, locale)}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
