import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { currentPageUser } from "@/components/shell/current-user";
import { Artwork } from "@/components/dashboard/Artwork";
import { PlaylistHistory } from "@/components/playlists/PlaylistHistory";
import { PlaylistTracksTable } from "@/components/playlists/PlaylistTracksTable";
import { reasonText } from "@/components/playlists/reasons";
import { ScopeBanner } from "@/components/playlists/ScopeBanner";
import styles from "@/components/playlists/playlists.module.css";
import { getDb } from "@/lib/db/client";
import { formatInstant } from "@/lib/format/dates";
import { pickLocale } from "@/lib/format/locale";
import { formatCount } from "@/lib/format/numbers";
import { playlistCollectionState } from "@/lib/playlists/collection-state";
import { getCachedPlaylistView } from "@/lib/playlists/page-caches";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Playlist" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One playlist: its tracks with their figures and suggestions (all, or the suggestions only), and its history. */
export default async function PlaylistPage({ params, searchParams }: Props) {
  const user = await currentPageUser();
  const { id } = await params;
  const onlySuggestions = (await searchParams).show === "suggestions";
  const locale = pickLocale((await headers()).get("accept-language"));
  const db = getDb();
  // Another user's playlist, or an id no listing has: the same 404.
  const [view, state] = await Promise.all([
    /^[0-9A-Za-z]{1,64}$/.test(id) ? getCachedPlaylistView(db, user.id, id, new Date()) : null,
    playlistCollectionState(db, user.id),
  ]);
  if (!view) notFound();
  const { card } = view;
  const suggested = view.rows.filter((row) => row.suggestion !== null);
  const rows = onlySuggestions ? suggested : view.rows;
  const counts = { often: suggested.filter((row) => row.suggestion === "often-skipped").length, rarely: suggested.filter((row) => row.suggestion === "rarely-played").length };
  const base = `/dashboard/playlists/${card.id}`;

  return (
    <div className={styles.sections}>
      <p className="small">
        <Link href="/dashboard/playlists">← All playlists</Link>
      </p>
      <header className={styles.header}>
        <div className={styles.cover}>
          <Artwork src={card.imageUrl} name={card.name} size={128} />
        </div>
        <div>
          <span className={styles.kicker}>{card.collaborative ? "Collaborative playlist" : "Playlist"}</span>
          <h1>{card.name}</h1>
          <div className={styles.meta}>
            <span>by {card.owner.displayName}</span>
            <span>
              {formatCount(card.tracks, locale)} {card.tracks === 1 ? "track" : "tracks"}
            </span>
            {card.collectedAt && (
              <span>
                collected <time dateTime={card.collectedAt}>{formatInstant(card.collectedAt, locale, user.timeZone)}</time>
              </span>
            )}
          </div>
          <div className={styles.actions}>
            <a className="button secondary small" href={`https://open.spotify.com/playlist/${card.id}`} target="_blank" rel="noopener noreferrer">
              Open in Spotify
            </a>
            {card.collectedAt && (
              <a className="button secondary small" href={`/api/playlists/${card.id}?format=csv`} download={`encore-playlist-${card.id}.csv`}>
                Download CSV
              </a>
            )}
          </div>
        </div>
      </header>

      {card.reason ? (
        <>
          {card.reason === "missing-scope" && <ScopeBanner missing={state.missingScopes} />}
          <section className="empty-state" data-testid="playlist-unreadable" data-reason={card.reason}>
            <h2>Encore cannot read this playlist&apos;s tracks</h2>
            <p className="muted">{reasonText(card.reason, card.owner.displayName)}</p>
            {card.refusedAt && (
              <p className="muted small">
                Last refused <time dateTime={card.refusedAt}>{formatInstant(card.refusedAt, locale, user.timeZone)}</time>.
              </p>
            )}
          </section>
        </>
      ) : !card.collectedAt ? (
        <section className="empty-state" data-testid="playlist-not-collected">
          <h2>Not collected yet</h2>
          <p className="muted">Encore reads this playlist&apos;s tracks with its next collection run; come back in a little while.</p>
        </section>
      ) : (
        <>
          <section className="card" aria-labelledby="playlist-tracks-heading">
            <div className={styles.toolbar}>
              <div>
                <h2 id="playlist-tracks-heading" className="card-title">
                  Tracks
                </h2>
                <p className="muted small" data-testid="playlist-suggestion-summary">
                  {suggested.length === 0
                    ? "Nothing to prune: you play everything here."
                    : `${formatCount(suggested.length, locale)} to review: ${formatCount(counts.often, locale)} often skipped, ${formatCount(counts.rarely, locale)} not played in 90 days (added at least 60 days ago).`}
                </p>
              </div>
              <nav className="segmented" aria-label="Show">
                <Link className="chip" href={base} aria-current={!onlySuggestions ? "true" : undefined}>
                  All tracks ({formatCount(view.rows.length, locale)})
                </Link>
                <Link className="chip" href={`${base}?show=suggestions`} aria-current={onlySuggestions ? "true" : undefined}>
                  Suggestions ({formatCount(suggested.length, locale)})
                </Link>
              </nav>
            </div>
            {rows.length === 0 ? (
              <p className="muted" data-testid="playlist-no-suggestions">
                No suggestions for this playlist right now.
              </p>
            ) : (
              <PlaylistTracksTable rows={rows} locale={locale} timeZone={user.timeZone} />
            )}
          </section>
          <PlaylistHistory changes={view.changes} locale={locale} timeZone={user.timeZone} />
        </>
      )}
    </div>
  );
}
