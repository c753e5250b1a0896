"use client";

// A client component: the page's payload carries the playlists as data rather than as rendered
// markup (hundreds of playlists make it large otherwise).
import Link from "next/link";
import type { PlaylistCard } from "@/lib/playlists/list";
import { formatInstant } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { Artwork } from "@/components/dashboard/Artwork";
import { reasonLabel } from "./reasons";
import styles from "./playlists.module.css";

function tracksLabel(count: number, locale: string): string {
  return `${formatCount(count, locale)} ${count === 1 ? "track" : "tracks"}`;
}

/** Every listed playlist: cover, name, owner, tracks, when collected, suggestions, or why it is not read. */
export function PlaylistList({ playlists, locale, timeZone }: { playlists: PlaylistCard[]; locale: string; timeZone: string }) {
  return (
    <ul className={styles.list} data-testid="playlists">
      {playlists.map((playlist) => (
        <li key={playlist.id} className={styles.item} data-testid="playlist" data-id={playlist.id} data-readable={playlist.readable}>
          <Artwork src={playlist.imageUrl} name={playlist.name} size={56} />
          <div>
            <Link className={`${styles.name} truncate`} href={`/dashboard/playlists/${playlist.id}`} title={playlist.name}>
              {playlist.name}
            </Link>
            <div className={styles.meta}>
              <span>by {playlist.owner.displayName}</span>
              <span>{tracksLabel(playlist.tracks, locale)}</span>
              {playlist.collaborative && <span className={styles.pill}>Collaborative</span>}
              {playlist.readable &&
                (playlist.collectedAt ? (
                  <span>
                    collected <time dateTime={playlist.collectedAt}>{formatInstant(playlist.collectedAt, locale, timeZone)}</time>
                  </span>
                ) : (
                  <span>not collected yet</span>
                ))}
            </div>
          </div>
          <div className={styles.figures}>
            {playlist.reason ? (
              <span className={`${styles.pill} ${styles.unreadable}`} data-testid="playlist-reason" data-reason={playlist.reason}>
                {reasonLabel(playlist.reason)}
              </span>
            ) : playlist.collectedAt ? (
              <span className={`${styles.pill} ${playlist.suggestions > 0 ? styles.suggested : styles.clear}`} data-testid="playlist-suggestions" data-value={playlist.suggestions}>
                {playlist.suggestions === 0 ? "Nothing to prune" : `${formatCount(playlist.suggestions, locale)} to review`}
              </span>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
