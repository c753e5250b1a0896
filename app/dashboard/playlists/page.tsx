import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentPageUser } from "@/components/shell/current-user";
import { PlaylistList } from "@/components/playlists/PlaylistList";
import { Pager, pageParam } from "@/components/playlists/Pager";
import { ScopeBanner } from "@/components/playlists/ScopeBanner";
import styles from "@/components/playlists/playlists.module.css";
import { getDb } from "@/lib/db/client";
import { formatInstant } from "@/lib/format/dates";
import { pickLocale } from "@/lib/format/locale";
import { playlistCollectionState } from "@/lib/playlists/collection-state";
import { playlistIntervalMs } from "@/lib/playlists/due-users";
import { PLAYLISTS_PER_PAGE } from "@/lib/playlists/list";
import { getCachedPlaylistPage } from "@/lib/playlists/page-caches";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Playlists" };

const hrefOf = (page: number) => (page === 1 ? "/dashboard/playlists" : `/dashboard/playlists?page=${page}`);

/** The user's playlists as last collected (a page at a time), with how many tracks of each are worth a second look. */
export default async function PlaylistsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentPageUser();
  const page = pageParam((await searchParams).page);
  const locale = pickLocale((await headers()).get("accept-language"));
  const db = getDb();
  const now = new Date();
  const [{ cards: playlists, total }, state] = await Promise.all([
    getCachedPlaylistPage(db, user.id, now, { offset: (page - 1) * PLAYLISTS_PER_PAGE, limit: PLAYLISTS_PER_PAGE }),
    playlistCollectionState(db, user.id),
  ]);
  // A page past the end (the listing shrank since the link was made): the first page.
  if (playlists.length === 0 && page > 1) redirect(hrefOf(1));
  const hours = Math.round(playlistIntervalMs() / 3_600_000);
  const pager = <Pager page={page} perPage={PLAYLISTS_PER_PAGE} total={total} noun="playlists" hrefOf={hrefOf} locale={locale} />;

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
          {pager}
          <PlaylistList playlists={playlists} locale={locale} timeZone={user.timeZone} />
          {pager}
        </>
      )}
    </div>
  );
}
