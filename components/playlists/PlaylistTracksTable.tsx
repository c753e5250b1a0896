import type { PlaylistView } from "@/lib/playlists/detail";
import type { Suggestion } from "@/lib/playlists/suggestions";
import { formatInstant } from "@/lib/format/dates";
import { dateTimeFormat } from "@/lib/format/intl-cache";
import { formatCount, formatPercent } from "@/lib/format/numbers";
import { Artwork } from "@/components/dashboard/Artwork";
import styles from "./playlists.module.css";

const SUGGESTION_LABELS: Record<Suggestion, string> = { "often-skipped": "Often skipped", "rarely-played": "Rarely played" };

/** A date in the user's zone, short: "Mar 1, 2025". */
function shortDate(iso: string, locale: string, timeZone: string): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(new Date(iso));
}

/** The latest version's entries with their figures; `rows` may be filtered to suggestions by the page. */
export function PlaylistTracksTable({ rows, locale, timeZone }: { rows: PlaylistView["rows"]; locale: string; timeZone: string }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid="playlist-tracks">
        <caption className="sr-only">Tracks of the playlist with their streams in the last 90 days, last play, skip rate and suggestion</caption>
        <thead>
          <tr>
            <th scope="col" className={`${styles.numeric} ${styles.hideOnPhone}`}>
              #
            </th>
            <th scope="col">Track</th>
            <th scope="col" className={styles.hideOnPhone}>
              Added
            </th>
            <th scope="col" className={styles.numeric}>
              Streams (90 days)
            </th>
            <th scope="col" className={styles.hideOnPhone}>
              Last played
            </th>
            <th scope="col" className={`${styles.numeric} ${styles.hideOnPhone}`}>
              Skip rate (365 days)
            </th>
            <th scope="col" className={styles.hideOnPhone}>
              Suggestion
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.position} data-testid="playlist-track" data-id={row.id ?? ""} data-suggestion={row.suggestion ?? ""}>
              <td className={`${styles.numeric} ${styles.hideOnPhone} muted`}>{row.position + 1}</td>
              <td>
                <div className={styles.trackCell}>
                  <Artwork src={row.imageUrl} name={row.name} size={36} />
                  <div>
                    <span className={`${styles.trackName} truncate`} title={row.name}>
                      {row.name}
                    </span>
                    <span className="muted small truncate">
                      {row.kind === "local" ? "Local file" : row.kind === "episode" ? "Podcast episode" : row.artists.join(", ")}
                      {row.kind !== "track" && row.artists.length > 0 ? ` · ${row.artists.join(", ")}` : ""}
                    </span>
                    {/* Phones show the suggestion and skip rate here instead of in their own columns. */}
                    {(row.suggestion || row.skipRate365d !== null) && (
                      <span className={`${styles.phoneNote} small`}>
                        {row.suggestion && <span className={`${styles.pill} ${styles.suggested}`}>{SUGGESTION_LABELS[row.suggestion]}</span>}
                        {row.skipRate365d !== null && <span className="muted">{formatPercent(row.skipRate365d, locale, 0)} skipped</span>}
                      </span>
                    )}
                  </div>
                </div>
              </td>
              <td className={`${styles.hideOnPhone} muted`}>
                {row.addedAt ? <time dateTime={row.addedAt}>{shortDate(row.addedAt, locale, timeZone)}</time> : "Unknown"}
              </td>
              <td className={styles.numeric}>{row.id ? formatCount(row.streams90d, locale) : "—"}</td>
              <td className={`${styles.hideOnPhone} muted`}>
                {row.lastStream ? <time dateTime={row.lastStream}>{formatInstant(row.lastStream, locale, timeZone)}</time> : row.id ? "Never" : "—"}
              </td>
              <td className={`${styles.numeric} ${styles.hideOnPhone}`}>
                {row.skipRate365d === null ? (
                  <span className="muted">—</span>
                ) : (
                  <span title={`${formatCount(row.knownPlays365d, locale)} plays with a known length`}>{formatPercent(row.skipRate365d, locale, 0)}</span>
                )}
              </td>
              <td className={styles.hideOnPhone}>
                {row.suggestion ? (
                  <span className={`${styles.pill} ${styles.suggested}`}>{SUGGESTION_LABELS[row.suggestion]}</span>
                ) : (
                  <span className="muted small">{row.id ? "Keep" : "—"}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
