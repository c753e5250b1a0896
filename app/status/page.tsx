import type { Metadata } from "next";
import { headers } from "next/headers";
import { currentPageUser } from "@/components/shell/current-user";
import { CheckResults } from "@/components/status/CheckResults";
import { EnrichmentState } from "@/components/status/EnrichmentState";
import { IngestOutcomes } from "@/components/status/IngestOutcomes";
import { MusicBrainzQueue } from "@/components/status/MusicBrainzQueue";
import { RecentGaps } from "@/components/status/RecentGaps";
import styles from "@/components/status/status.module.css";
import { getUserChecks } from "@/lib/checks/user-checks";
import { getDb } from "@/lib/db/client";
import { formatInstant } from "@/lib/format/dates";
import { pickLocale } from "@/lib/format/locale";
import { getCachedGenreCoverage } from "@/lib/genres";
import { userIngestStatus } from "@/lib/ingest/status";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Status · Encore" };

/** The signed-in user's collection health: their runs, gaps, enrichment and data checks (never anyone else's). */
export default async function StatusPage() {
  const user = await currentPageUser();
  const locale = pickLocale((await headers()).get("accept-language"));
  const db = getDb();
  const now = new Date();
  const [status, checks, genres] = await Promise.all([userIngestStatus(db, user.id, now), getUserChecks(db, user.id, now), getCachedGenreCoverage(db, user.id)]);

  return (
    <div className={styles.sections}>
      <div className="page-heading">
        <h1>Status</h1>
        {status.lastIngestedAt ? (
          <p className="muted">
            Last collected{" "}
            <time dateTime={status.lastIngestedAt.toISOString()}>{formatInstant(status.lastIngestedAt.toISOString(), locale, user.timeZone)}</time>
          </p>
        ) : null}
      </div>
      {status.outcomes.length === 0 ? (
        <section className="empty-state" data-testid="status-empty">
          <h2>No collection has run yet</h2>
          <p>
            Your first collection starts when you sign in and takes a moment; after that Encore reads your recently played tracks every 30 minutes.
            To bring in your older history now, import your Spotify data export from the Import page.
          </p>
        </section>
      ) : (
        <>
          <IngestOutcomes outcomes={status.outcomes} locale={locale} timeZone={user.timeZone} />
          <RecentGaps gaps={status.gaps} locale={locale} timeZone={user.timeZone} />
        </>
      )}
      <EnrichmentState enrichment={status.enrichment} locale={locale} timeZone={user.timeZone} />
      <MusicBrainzQueue coverage={genres} locale={locale} timeZone={user.timeZone} />
      <CheckResults results={checks} locale={locale} timeZone={user.timeZone} />
    </div>
  );
}
