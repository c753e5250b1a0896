import type { EnrichmentStatus } from "@/lib/ingest/status";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import styles from "./status.module.css";

/** Lookups still wanted for imported tracks and artists (durations, credits, genres). */
export function EnrichmentState({ enrichment, locale, timeZone }: { enrichment: EnrichmentStatus; locale: string; timeZone: string }) {
  return (
    <section className="card" aria-labelledby="enrichment-heading" data-testid="enrichment-state">
      <h2 id="enrichment-heading" className="card-title">
        Details from Spotify
      </h2>
      {enrichment.pending === 0 ? (
        <p className="muted">Nothing waiting: every track and artist you played has its details.</p>
      ) : (
        <dl className={styles.facts}>
          <dt>Waiting for details</dt>
          <dd>{formatCount(enrichment.pending, locale)} tracks and artists</dd>
          <dt>Queue</dt>
          <dd>
            {enrichment.pausedUntil
              ? `Paused by Spotify's rate limit; resumes ${formatInstant(enrichment.pausedUntil.toISOString(), locale, timeZone)}`
              : "Advancing with every collection run"}
          </dd>
        </dl>
      )}
    </section>
  );
}
