import type { Metadata } from "next";
import { headers } from "next/headers";
import { currentPageUser } from "@/components/shell/current-user";
import { PlaylistList } from "@/components/playlists/PlaylistList";
import { ScopeBanner } from "@/components/playlists/ScopeBanner";
import styles from "@/components/playlists/playlists.module.css";
import { getDb } from "@/lib/db/client";
import { formatInstant } from "@/lib/format/dates";
import { pickLocale } from "@/lib/format/locale";
import { playlistCollectionState } from "@/lib/playlists/collection-state";
import { playlistIntervalMs } from "@/lib/playlists/due-users";
import { listPlaylistCards } from "@/lib/playlists/list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Playlists" };

/** The user's playlists as last collected, with how many tracks of each are worth a second look. */
export default async function PlaylistsPage() {
  const user = await currentPageUser();
  const locale = pickLocale((await headers()).get("accept-language"));
  const db = getDb();
  const now = new Date();
  const [playlists, state] = await Promise.all([listPlaylistCards(db, user.id, now), playlistCollectionState(db, user.id)]);
  const hours = Math.round(playlistIntervalMs() / 3_600_000);

  return (
    <div className={styles.sections}>
      <div className="page-heading">
        <h1>Playlists</h1>
        {state.collectedAt && (
          <p className="muted">
            Collected <time dateTime={state.collectedAt.toISOString()}>{formatInstant(state.collectedAt.toISOString(), locale, user.timeZone)}</time>
          </p>
        )}
      </div>
      <ScopeBanner missing={state.missingScopes} />
      {state.lastError && (
        <div className="banner" role="status" data-testid="playlist-collection-note">
          <strong>The last collection stopped early.</strong> <span className="muted">{state.lastError} Encore goes on with the next collection run.</span>
        </div>
      )}
      {playlists.length === 0 ? (
        <section className="empty-state" data-testid="playlists-empty">
          {state.collectedAt ? (
            <>
              <h2>No playlists on your Spotify account</h2>
              <p className="muted">Playlists you make, follow or collaborate on in Spotify appear here after the next collection.</p>
            </>
          ) : (
            <>
              <h2>Your playlists have not been collected yet</h2>
              <p className="muted">
                Encore reads your playlists with its next collection run (every 30 minutes), then every {hours} hours, and keeps each version so you can
                see how they change and which tracks you no longer play.
              </p>
            </>
          )}
        </section>
      ) : (
        <>
          <p className="muted small">
            Suggestions count the tracks you skip most of the time, and those added at least 60 days ago that you have not played in 90 days. Encore
            reads your playlists every {hours} hours.
          </p>
          <PlaylistList playlists={playlists} locale={locale} timeZone={user.timeZone} />
        </>
      )}
    </div>
  );
}
