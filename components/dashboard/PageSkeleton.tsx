/** Shown while a page's figures load: the page's shape, shimmering. */
export function PageSkeleton({ label = "Loading your listening…" }: { label?: string }) {
  return (
    <div className="skeleton-page" role="status" aria-live="polite" data-testid="page-skeleton">
      <span className="sr-only">{label}</span>
      <div className="skeleton skeleton-title" />
      <div className="skeleton skeleton-chips" />
      <div className="stat-grid">
        {Array.from({ length: 4 }, (_, index) => (
          <div key={index} className="skeleton skeleton-stat" />
        ))}
      </div>
      <div className="skeleton skeleton-chart" />
    </div>
  );
}
