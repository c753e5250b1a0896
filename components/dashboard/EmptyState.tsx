import Link from "next/link";

/** What to do when there is nothing to show: no plays at all yet, or none in the chosen range. */
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
    <div className="empty-state" data-testid="empty-state">
      <h2>No listening history yet</h2>
      <p className="muted">
        Encore collects what you play on Spotify every 30 minutes, so your first plays appear after the next collection run. For your whole
        history, download your data export from Spotify and import it.
      </p>
      <p>
        <Link className="button" href="/import">
          Import your Spotify data export
        </Link>
      </p>
    </div>
  );
}
