/** One headline figure. `value` is the raw number (for tests and tools), `display` how it reads. */
export function StatCard({ label, display, value, hint, testId }: { label: string; display: string; value: number; hint?: string; testId: string }) {
  return (
    <div className="stat-card" data-testid={testId} data-value={value}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{display}</div>
      {hint && <div className="stat-hint muted">{hint}</div>}
    </div>
  );
}
