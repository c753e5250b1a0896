import { PLAY_SCAN_CHECKS } from "@/lib/checks/run-checks";
import { PLAY_SCAN_MAX_AGE_MS, type UserChecks } from "@/lib/checks/user-checks";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import styles from "./status.module.css";
import tables from "@/components/tables/tables.module.css";

const SCAN_MAX_AGE_MINUTES = Math.round(PLAY_SCAN_MAX_AGE_MS / 60_000);

/**
 * SPEC §7's checks over the user's own data; gaps are information, never a failure. The scans of
 * the plays are shared between views (lib/checks/user-checks.ts): the card says when they ran.
 */
export function CheckResults({ results, locale, timeZone }: { results: UserChecks; locale: string; timeZone: string }) {
  const { checks, playsCheckedAt, checkedAt } = results;
  const failed = checks.filter((check) => !check.ok).length;
  const scanned = new Set<string>(PLAY_SCAN_CHECKS);
  const ranAt = (instant: Date) => <time dateTime={instant.toISOString()}>{formatInstant(instant.toISOString(), locale, timeZone)}</time>;
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
              {scanned.has(check.name) ? <span className="muted"> · checked {ranAt(playsCheckedAt)}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      <p className={styles.note} data-testid="checks-ran-at">
        The checks of your plays ran {ranAt(playsCheckedAt)}; they run again when your plays change, or once their results are{" "}
        {SCAN_MAX_AGE_MINUTES} minutes old. The other checks ran with this page, {ranAt(checkedAt)}.
      </p>
    </section>
  );
}
