import type { EnrichmentStatus } from "@/lib/ingest/status";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import styles from "./status.module.css";

/** Lookups still wanted for imported tracks and artists (durations, credits, genres), and those Spotify no longer knows. */
export function EnrichmentState({ enrichment, locale, timeZone }: { enrichment: EnrichmentStatus; locale: string; timeZone: string }) {
  const unknown = enrichment.unknownToSpotify;
  return (
    <section className="card" aria-labelledby="enrichment-heading" data-testid="enrichment-state">
      <h2 id="enrichment-heading" className="card-title">
        Details from Spotify
      </h2>
      {enrichment.pending === 0 ? (
        <p className="muted">
          {unknown === 0 ? "Nothing waiting: every track and artist you played has its details." : "Nothing waiting: Spotify has answered for every track and artist you played."}
        </p>
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
          {enrichment.lastStop ? (
            <>
              <dt>Last stopped</dt>
              <dd data-testid="enrichment-last-stop">
                <time dateTime={enrichment.lastStop.at.toISOString()}>{formatInstant(enrichment.lastStop.at.toISOString(), locale, timeZone)}</time>:{" "}
                {enrichment.lastStop.reason}
              </dd>
            </>
          ) : null}
        </dl>
      )}
      {unknown > 0 ? (
        <p className={styles.note} data-testid="unknown-to-spotify">
          {formatCount(unknown, locale)} {unknown === 1 ? "track" : "tracks"} Spotify no longer knows: {unknown === 1 ? "it keeps" : "they keep"} the
          names from your data export, and {unknown === 1 ? "its plays count" : "their plays count"} as usual. Spotify is not asked about{" "}
          {unknown === 1 ? "it" : "them"} again.
        </p>
      ) : null}
    </section>
  );
}
