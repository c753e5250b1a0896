"use client";

import Link from "next/link";
import { formatCount, formatDuration } from "@/lib/format/numbers";
import { useLocale } from "@/components/providers/AppProviders";
import { Name } from "@/components/dashboard/Name";
import { Artwork } from "@/components/dashboard/Artwork";
import type { RankBy } from "@/lib/stats/types";
import { CreditLinks, type ArtistLink } from "@/components/dashboard/CreditLinks";

export type RankedItem = {
  id: string;
  name: string;
  subtitle?: string;
  /** The item's own page (artists: /dashboard/artists/[id]). */
  href?: string;
  /** A track's credited artists, each linking to its page; the plain subtitle until known. */
  credits?: ArtistLink[];
  streams: number;
  msListened: number;
  imageUrl?: string | null;
};

/** A ranked list with bars proportional to the ranking figure (streams or time). */
export function RankedList({ items, by, label, testId, showArtwork = true }: { items: RankedItem[]; by: RankBy; label: string; testId: string; showArtwork?: boolean }) {
  const locale = useLocale();
  const figure = (item: RankedItem) => (by === "time" ? item.msListened : item.streams);
  const max = Math.max(1, ...items.map(figure));
  return (
    <ol className="ranked-list" aria-label={label} data-testid={testId}>
      {items.map((item, index) => (
        <li key={item.id} className="ranked-item" data-id={item.id} data-streams={item.streams} data-ms={item.msListened}>
          <span className="rank" aria-label={`Rank ${index + 1}`}>
            {index + 1}
          </span>
          {showArtwork && <Artwork src={item.imageUrl ?? null} name={item.name} />}
          <span className="ranked-text">
            {item.href ? (
              <Link href={item.href} className="ranked-name truncate artist-link" title={item.name}>
                {item.name}
              </Link>
            ) : (
              <Name className="ranked-name">{item.name}</Name>
            )}
            {item.credits && item.credits.length > 0 ? (
              <CreditLinks className="ranked-subtitle muted" links={item.credits} />
            ) : (
              item.subtitle && <Name className="ranked-subtitle muted">{item.subtitle}</Name>
            )}
            <span className="ranked-bar" aria-hidden="true">
              <span style={{ width: `${(figure(item) / max) * 100}%` }} />
            </span>
          </span>
          <span className="ranked-figures">
            <span className={by === "streams" ? "primary" : "muted"}>{formatCount(item.streams, locale)} streams</span>
            <span className={by === "time" ? "primary" : "muted"}>{formatDuration(item.msListened, locale)}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
