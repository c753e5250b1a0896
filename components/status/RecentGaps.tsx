import Link from "next/link";
import type { IngestOutcome } from "@/lib/ingest/status";
import { GAP_WINDOW_DAYS } from "@/lib/ingest/status";
import { formatInstant } from "@/lib/format/dates";

/** Gaps of the last week: Spotify only shows the last 50 plays, so more may have been missed. */
export function RecentGaps({ gaps, locale, timeZone }: { gaps: IngestOutcome[]; locale: string; timeZone: string }) {
  return (
    <section className="card" aria-labelledby="gaps-heading" data-testid="recent-gaps">
      <h2 id="gaps-heading" className="card-title">
        Gaps in the last {GAP_WINDOW_DAYS} days
      </h2>
      {gaps.length === 0 ? (
        <p className="muted">No gaps: every collection reached back to the previous one.</p>
      ) : (
        <>
          <p>
            Spotify only shows your last 50 plays. {gaps.length === 1 ? "One collection" : `${gaps.length} collections`} found 50 new plays at once, so
            some plays before them may be missing.{" "}
            <Link href="/import">Import your Spotify data export</Link> to fill them in; plays already stored are not counted twice.
          </p>
          <ul>
            {gaps.map((gap) => (
              <li key={gap.runId}>
                <time dateTime={gap.runStartedAt.toISOString()}>{formatInstant(gap.runStartedAt.toISOString(), locale, timeZone)}</time>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
