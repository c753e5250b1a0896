import Link from "next/link";
import { WhilePlaysAreRead } from "@/components/collection/PendingNotices";

/** What to do when there is nothing to show: no plays at all yet (or the first ones being read), or none in the chosen range. */
export function EmptyState({ hasAnyPlays, what = "plays" }: { hasAnyPlays: boolean; what?: string }) {
  if (hasAnyPlays) {
    return (
      <div className="empty-state" data-testid="empty-state">
        <h2>No {what} in this range</h2>
        <p className="muted">Pick a longer range above, such as All time.</p>
      </div>
    );
  }
  return (
    <WhilePlaysAreRead>
      <ImportSuggestion title="No listening history yet">
        Encore collects what you play on Spotify every 30 minutes, so your first plays appear after the next collection run. For your whole
        history, download your data export from Spotify and import it.
      </ImportSuggestion>
    </WhilePlaysAreRead>
  );
}

/** An empty state whose way out is importing the Spotify data export. */
export function ImportSuggestion({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>{title}</h2>
      <p className="muted">{children}</p>
      <p>
        <Link className="button" href="/import">
          Import your Spotify data export
        </Link>
      </p>
    </div>
  );
}
