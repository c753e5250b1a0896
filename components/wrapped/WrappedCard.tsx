/** One full-height card of the year in review. */
export function WrappedCard({ kicker, testId, value, children }: { kicker: string; testId: string; value: string | number; children: React.ReactNode }) {
  return (
    <section className="wrapped-card" data-testid={testId} data-value={value} aria-label={kicker}>
      <div className="wrapped-kicker">{kicker}</div>
      {children}
    </section>
  );
}
