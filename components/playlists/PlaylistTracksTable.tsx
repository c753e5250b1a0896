"use client";

// A client component so that the page's payload carries the rows as data, not as a rendered tree
// of every cell; and cells carry no classes (columns are styled by position): measured by
// `npm run bench -- --only playlists`, a 100-track page's cost follows its size. Formatting takes
// the locale and zone as props, so server and browser render the same text.
import type { PlaylistView } from "@/lib/playlists/detail";
import type { Suggestion } from "@/lib/playlists/suggestions";
import { dateTimeFormat, numberFormat } from "@/lib/format/intl-cache";
import { Artwork } from "@/components/dashboard/Artwork";
import styles from "./playlists.module.css";

const SUGGESTION_LABELS: Record<Suggestion, string> = { "often-skipped": "Often skipped", "rarely-played": "Rarely played" };

function subtitle(row: PlaylistView["rows"][number]): string {
  const artists = row.artists.join(", ");
  if (row.kind === "local") return artists ? `Local file · ${artists}` : "Local file";
  if (row.kind === "episode") return artists ? `Podcast episode · ${artists}` : "Podcast episode";
  return artists;
}

/** The latest version's entries with their figures; `rows` may be filtered to suggestions by the page. */
export function PlaylistTracksTable({ rows, locale, timeZone }: { rows: PlaylistView["rows"]; locale: string; timeZone: string }) {
  // The formatters of formatCount, formatInstant and formatPercent, looked up once for every row.
  const day = dateTimeFormat(locale, { dateStyle: "medium", timeZone });
  const instant = dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const count = numberFormat(locale, { maximumFractionDigits: 0 });
  const percent = numberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return (
    <div className={styles.tableWrap}>
      <table className={`${styles.table} ${styles.tracks}`} data-testid="playlist-tracks">
        <caption className="sr-only">Tracks of the playlist with their streams in the last 90 days, last play, skip rate and suggestion</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Track</th>
            <th scope="col">Added</th>
            <th scope="col">Streams (90 days)</th>
            <th scope="col">Last played</th>
            <th scope="col">Skip rate (365 days)</th>
            <th scope="col">Suggestion</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.position} data-testid="playlist-track" data-id={row.id ?? ""} data-suggestion={row.suggestion ?? ""}>
              <td>{row.position + 1}</td>
              <td>
                <div>
                  <Artwork src={row.imageUrl} name={row.name} size={36} />
                  <div>
                    <b title={row.name}>{row.name}</b>
                    <small>{subtitle(row)}</small>
                  </div>
                </div>
              </td>
              <td>{row.addedAt ? day.format(new Date(row.addedAt)) : "Unknown"}</td>
              <td>{row.id ? count.format(row.streams90d) : "—"}</td>
              <td>{row.lastStream ? instant.format(new Date(row.lastStream)) : row.id ? "Never" : "—"}</td>
              <td title={row.skipRate365d === null ? undefined : `${count.format(row.knownPlays365d)} plays with a known length`}>
                {row.skipRate365d === null ? "—" : percent.format(row.skipRate365d)}
              </td>
              <td>{row.suggestion ? <span className={`${styles.pill} ${styles.suggested}`}>{SUGGESTION_LABELS[row.suggestion]}</span> : row.id ? "Keep" : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
