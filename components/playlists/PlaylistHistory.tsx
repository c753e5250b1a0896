import type { PlaylistDetail } from "@/lib/playlists/detail";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import styles from "./playlists.module.css";

/** What each collection found changed since the one before, newest first. */
export function PlaylistHistory({ changes, locale, timeZone }: { changes: PlaylistDetail["changes"]; locale: string; timeZone: string }) {
  return (
    <section className="card" aria-labelledby="playlist-history-heading">
      <h2 id="playlist-history-heading" className="card-title">
        History of changes
      </h2>
      {changes.length === 0 ? (
        <p className="muted" data-testid="playlist-history-empty">
          No changes yet. Each time Encore finds the playlist changed, it keeps the new version and lists here what was added and removed.
        </p>
      ) : (
        <ol className={styles.history} data-testid="playlist-history">
          {changes.map((change) => (
            <li key={change.snapshotId + change.collectedAt} className={styles.change} data-testid="playlist-change">
              <h3>
                <time dateTime={change.collectedAt}>{formatInstant(change.collectedAt, locale, timeZone)}</time>{" "}
                <span className={styles.added}>+{formatCount(change.added.length, locale)}</span>{" "}
                <span className={styles.removed}>−{formatCount(change.removed.length, locale)}</span>
              </h3>
              {change.added.length + change.removed.length === 0 ? (
                <p className="muted small">The same tracks: the order or the details changed.</p>
              ) : (
                <div className={styles.changeLists}>
                  {change.added.length > 0 && (
                    <div>
                      <span className="muted small">Added</span>
                      <ul>
                        {change.added.map((track, index) => (
                          <li key={`${track.id}-${index}`}>{track.name}</li>
                        ))}
                      </ul>
                    </div>
                  )}
                  {change.removed.length > 0 && (
                    <div>
                      <span className="muted small">Removed</span>
                      <ul>
                        {change.removed.map((track, index) => (
                          <li key={`${track.id}-${index}`}>{track.name}</li>
                        ))}
                      </ul>
                    </div>
                  )}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
