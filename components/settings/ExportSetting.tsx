/** Downloads of every play (streamed by GET /api/export). */
export function ExportSetting() {
  return (
    <section className="card">
      <h2>Export your data</h2>
      <p className="muted">
        Every play Encore stores for you, oldest first: when, how long, where it came from, the track, its artists and its album.
      </p>
      <div className="form-row">
        <a className="button secondary small" href="/api/export?format=csv" download data-testid="export-csv">
          Download CSV
        </a>
        <a className="button secondary small" href="/api/export?format=json" download data-testid="export-json">
          Download JSON
        </a>
      </div>
    </section>
  );
}
