"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False on the server and while hydrating, true in the browser afterwards. */
function useInBrowser(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/**
 * A chart with its title, and the same figures as a table for screen readers (the text
 * alternative). Recharts draws in the browser only, so the table is rendered there too, with the
 * chart it describes: on the server it would be most of a page's markup (an artist's 120 months
 * over all time) for nothing the first paint shows. The chart's area keeps its `height` (px)
 * from the first paint, so nothing moves when the chart arrives and no blank space is left.
 */
export function ChartFigure({
  title,
  description,
  table,
  height,
  children,
}: {
  title: string;
  description?: string;
  /** The chart's own height in px. */
  height: number;
  table: { caption: string; headers: string[]; rows: (string | number)[][] };
  children: React.ReactNode;
}) {
  const inBrowser = useInBrowser();
  return (
    <figure className="card chart-figure">
      <figcaption>
        <h2 className="card-title">{title}</h2>
        {description && <p className="muted small">{description}</p>}
      </figcaption>
      <div aria-hidden="true" className="chart-area" style={{ minHeight: height }}>
        {children}
      </div>
      {/* The wrapper clips too: a table ignores its own width, and a wide one would widen the page. */}
      {inBrowser && (
        <div className="sr-only">
          <table className="sr-only">
            <caption>{table.caption}</caption>
            <thead>
              <tr>
                {table.headers.map((header) => (
                  <th key={header} scope="col">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, cellIndex) => (cellIndex === 0 ? <th key={cellIndex} scope="row">{cell}</th> : <td key={cellIndex}>{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
