import type { GenreCoverage } from "@/lib/genres";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import styles from "./status.module.css";

/** The MusicBrainz genre lookups as they concern this user's artists: pending, found, not found, paused. */
function artists(count: number, locale: string): string {
  return `${formatCount(count, locale)} ${count === 1 ? "artist" : "artists"}`;
}

export function MusicBrainzQueue({ coverage, locale, timeZone }: { coverage: GenreCoverage; locale: string; timeZone: string }) {
  const { lookups } = coverage;
  return (
    <section className="card" aria-labelledby="musicbrainz-heading" data-testid="musicbrainz-queue">
      <h2 id="musicbrainz-heading" className="card-title">
        Genres from MusicBrainz
      </h2>
      {coverage.setting === "spotify" ? (
        <p className="muted">Turned off on this server (GENRES=spotify): genres come from Spotify only.</p>
      ) : (
        <dl className={styles.facts}>
          <dt>Waiting for a lookup</dt>
          <dd data-testid="musicbrainz-pending">{artists(lookups.pending, locale)}</dd>
          <dt>Found</dt>
          <dd data-testid="musicbrainz-found">{artists(lookups.found, locale)}</dd>
          <dt>Not found</dt>
          <dd data-testid="musicbrainz-not-found">
            {artists(lookups.notFound, locale)} <span className="muted">(asked again after 30 days)</span>
          </dd>
          <dt>Queue</dt>
          <dd data-testid="musicbrainz-state">
            {coverage.pausedUntil
              ? `Paused: MusicBrainz asked to slow down; resumes ${formatInstant(coverage.pausedUntil.toISOString(), locale, timeZone)}`
              : lookups.pending > 0
                ? "Advancing with every collection run, one request a second"
                : "Nothing waiting"}
          </dd>
        </dl>
      )}
    </section>
  );
}
