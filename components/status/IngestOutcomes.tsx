import type { IngestOutcome } from "@/lib/ingest/status";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { StatusBadge } from "./StatusBadge";
import tables from "@/components/tables/tables.module.css";

/** The user's last ingest outcomes, newest first. */
export function IngestOutcomes({ outcomes, locale, timeZone }: { outcomes: IngestOutcome[]; locale: string; timeZone: string }) {
  return (
    <section className="card" aria-labelledby="ingest-runs-heading">
      <h2 id="ingest-runs-heading" className="card-title">
        Recent collections
      </h2>
      <div className={tables.tableWrap}>
        <table className={tables.table} data-testid="ingest-runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col" className={tables.numeric}>
                New plays
              </th>
              <th scope="col">Gap</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map((outcome) => (
              <tr key={outcome.runId} data-testid="ingest-run">
                <td>
                  <time dateTime={outcome.runStartedAt.toISOString()}>{formatInstant(outcome.runStartedAt.toISOString(), locale, timeZone)}</time>
                  <div className="muted small">{outcome.trigger}</div>
                </td>
                <td>
                  <StatusBadge status={outcome.status} />
                </td>
                <td className={tables.numeric}>{formatCount(outcome.inserted, locale)}</td>
                <td>{outcome.gap ? <span className={`${tables.pill} ${tables.warning}`}>possible gap</span> : <span className="muted">none</span>}</td>
                <td className="small">{outcome.error ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
