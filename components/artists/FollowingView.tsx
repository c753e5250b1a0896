"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { formatCount } from "@/lib/format/numbers";
import type { FollowedArtist } from "@/lib/following/followedArtists";
import { FOLLOW_LIMIT, FOLLOW_SUGGESTIONS } from "@/lib/following/follows";
import type { RankedArtist, Report } from "@/lib/stats/types";
import { useLocale } from "@/components/providers/AppProviders";
import { RangePicker } from "@/components/range/RangePicker";
import { rangeSearch, reportRequestOf, resolveFromParams, sameRequest, type ReportRequest } from "@/components/range/range-params";
import { EmptyState } from "@/components/dashboard/EmptyState";
import { Artwork } from "@/components/dashboard/Artwork";
import { useArtwork } from "@/components/dashboard/useArtwork";
import { artistHref } from "@/components/dashboard/artist-links";
import { FollowButton } from "@/components/artists/FollowButton";
import { FollowedMonthsChart } from "@/components/artists/FollowedMonthsChart";
import { SnapshotChart } from "@/components/artists/SnapshotChart";
import { seriesColor } from "@/components/artists/series-colors";
import styles from "@/components/artists/artists.module.css";
import tables from "@/components/tables/tables.module.css";

export type InitialFollowing = {
  followed: FollowedArtist[];
  /** The range's top artists, for a reader who follows nobody yet (empty otherwise). */
  suggestions: RankedArtist[];
  images: Record<string, string>;
  request: ReportRequest;
  timeZone: string;
  hasAnyPlays: boolean;
};

async function getJson<T>(url: string, signal: AbortSignal, what: string): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `${what} could not be loaded (HTTP ${response.status}).`);
  }
  return (await response.json()) as T;
}

function Suggestions({ artists, initialImages, search }: { artists: RankedArtist[]; initialImages: Record<string, string>; search: string }) {
  const locale = useLocale();
  const images = useArtwork("artist", artists.map((artist) => artist.id), initialImages, Object.keys(initialImages));
  return (
    <section className={`card ${styles.suggestions}`} data-testid="follow-suggestions">
      <h2 className="card-title">Your top artists in this range</h2>
      <ol className="ranked-list" aria-label="Suggested artists to follow">
        {artists.map((artist, index) => (
          <li key={artist.id} className="ranked-item" data-id={artist.id}>
            <span className="rank">{index + 1}</span>
            <Artwork src={images[artist.id] ?? null} name={artist.name} />
            <span className="ranked-text">
              <Link href={artistHref(artist.id, search)} className="ranked-name truncate artist-link" title={artist.name}>
                {artist.name}
              </Link>
              <span className="ranked-subtitle muted">{formatCount(artist.streams, locale)} streams</span>
            </span>
            <FollowButton artistId={artist.id} artistName={artist.name} initialFollowing={false} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** /dashboard/following: the followed artists' months on one chart, a table beside it, and their Spotify snapshots. */
export function FollowingView({ initial }: { initial: InitialFollowing }) {
  const locale = useLocale();
  const searchParams = useSearchParams();
  const search = rangeSearch(searchParams);
  const request = reportRequestOf(resolveFromParams(searchParams, initial.timeZone));
  const initialFits = sameRequest(request, initial.request);
  const followedQuery = useQuery({
    queryKey: ["following", request],
    queryFn: ({ signal }) => getJson<FollowedArtist[]>(`/api/following?${new URLSearchParams(request)}`, signal, "Your followed artists"),
    initialData: initialFits ? initial.followed : undefined,
    placeholderData: keepPreviousData,
  });
  const followed = followedQuery.data ?? initial.followed;
  const suggestionsQuery = useQuery({
    queryKey: ["following-suggestions", request],
    enabled: followed.length === 0 && initial.hasAnyPlays,
    queryFn: async ({ signal }) =>
      (await getJson<Report>(`/api/stats?${new URLSearchParams({ ...request, limit: String(FOLLOW_SUGGESTIONS) })}`, signal, "Your top artists")).topArtists,
    initialData: initialFits && initial.suggestions.length ? initial.suggestions : undefined,
    placeholderData: keepPreviousData,
  });
  const suggestions = suggestionsQuery.data ?? [];
  const updating = followedQuery.isFetching || suggestionsQuery.isFetching;
  const error = followedQuery.error ?? suggestionsQuery.error;

  let body: React.ReactNode;
  if (!initial.hasAnyPlays) body = <EmptyState hasAnyPlays={false} />;
  else if (followed.length === 0) {
    body = (
      <>
        <div className="empty-state" data-testid="empty-state">
          <h2>You follow no artists yet</h2>
          <p className="muted">
            Follow up to {FOLLOW_LIMIT} artists to see their months side by side and their Spotify figures day by day. Start with your top artists below,
            or use the Follow button on any artist&apos;s page.
          </p>
        </div>
        {suggestions.length > 0 ? (
          <Suggestions artists={suggestions} initialImages={initial.images} search={search} />
        ) : (
          <p className="muted">No streams in this range: pick a longer range above to see your top artists.</p>
        )}
      </>
    );
  } else {
    body = (
      <>
        <div className={styles.followingLayout}>
          {followed.some((artist) => artist.months.length > 0) ? (
            <FollowedMonthsChart artists={followed} />
          ) : (
            <div className="card empty-state" data-testid="empty-range">
              <h2>No streams of your followed artists in this range</h2>
              <p className="muted">Pick a longer range above, such as All time.</p>
            </div>
          )}
          <section className="card" aria-label="Followed artists">
            <h2 className="card-title">
              Followed artists ({followed.length} of {FOLLOW_LIMIT})
            </h2>
            <div className={tables.tableWrap}>
              <table className={tables.table} data-testid="following-table">
                <thead>
                  <tr>
                    <th scope="col">Artist</th>
                    <th scope="col" className={tables.numeric}>
                      Streams
                    </th>
                    <th scope="col">
                      <span className="sr-only">Follow</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {followed.map((artist, index) => (
                    <tr key={artist.id} data-id={artist.id}>
                      <th scope="row">
                        <span className={styles.swatch} style={{ background: seriesColor(index) }} aria-hidden="true" />
                        <Link href={artistHref(artist.id, search)} className="artist-link">
                          {artist.name}
                        </Link>
                      </th>
                      <td className={tables.numeric}>{formatCount(artist.months.reduce((sum, month) => sum + month.streams, 0), locale)}</td>
                      <td>
                        <FollowButton artistId={artist.id} artistName={artist.name} initialFollowing />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
        <section aria-labelledby="snapshots-title">
          <h2 id="snapshots-title" className="card-title" style={{ marginTop: "1.5rem" }}>
            On Spotify, day by day
          </h2>
          <div className={styles.snapshotGrid}>
            {followed.map((artist, index) => (
              <SnapshotChart key={artist.id} artistName={artist.name} snapshots={artist.snapshots} color={seriesColor(index)} />
            ))}
          </div>
        </section>
      </>
    );
  }

  return (
    <div className="report-frame" aria-busy={updating}>
      <div className="page-heading">
        <h1>Following</h1>
        {updating && (
          <span className="updating muted" role="status">
            Updating…
          </span>
        )}
      </div>
      <RangePicker timeZone={initial.timeZone} />
      {error && !updating && (
        <div className="banner error" role="alert">
          {error.message}{" "}
          <button type="button" className="button small secondary" onClick={() => void followedQuery.refetch()}>
            Retry
          </button>
        </div>
      )}
      <div className={updating ? "report-body stale" : "report-body"}>{body}</div>
    </div>
  );
}
