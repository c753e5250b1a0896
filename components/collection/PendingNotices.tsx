"use client";

import Link from "next/link";
import { useLocale } from "@/components/providers/AppProviders";
import { useCollectionStatus } from "@/components/collection/CollectionStatusProvider";
import { detailsText, detailsWhenText } from "@/components/collection/collection-text";
import { RECENT_PLAYS_READ } from "@/lib/collection/types";
import { formatCount } from "@/lib/format/numbers";

/** In place of "no listening history yet" while the user's first plays are being read (the banner above says so). */
export function WhilePlaysAreRead({ children }: { children: React.ReactNode }) {
  const { status } = useCollectionStatus();
  const locale = useLocale();
  if (status.state !== "plays") return children;
  return (
    <div className="empty-state" data-testid="empty-state" data-pending="plays">
      <h2>Your first plays are on their way</h2>
      <p className="muted">
        Encore is reading what you played lately on Spotify; your figures appear here in a moment, without reloading. Spotify shows only your last{" "}
        {formatCount(RECENT_PLAYS_READ, locale)} plays: for your whole history, import your Spotify data export.
      </p>
      <p>
        <Link className="button secondary" href="/import">
          Import your Spotify data export
        </Link>
      </p>
    </div>
  );
}

const NEEDS = {
  genres: "Genres come with your artists' details",
  trackCounts: "Album completion needs each album's track count, which comes with your tracks' details",
} as const;

/**
 * In place of "no genres / no album track counts known yet" while the details that bring them
 * are still to be read: what is read so far, and when the rest comes.
 */
export function WhileDetailsPending({ needs, variant = "inline", children }: { needs: keyof typeof NEEDS; variant?: "inline" | "page"; children: React.ReactNode }) {
  const { status, timeZone } = useCollectionStatus();
  const locale = useLocale();
  if (!status.details) return children;
  const text = `${NEEDS[needs]}. ${detailsText(status.details, locale)}. ${detailsWhenText(status, locale, timeZone)}`;
  if (variant === "inline") {
    return (
      <p className="muted" data-testid="details-pending">
        {text}
      </p>
    );
  }
  return (
    <div className="empty-state" data-testid="empty-state" data-pending="details">
      <h2>Reading details from Spotify…</h2>
      <p className="muted" data-testid="details-pending">
        {text}
      </p>
    </div>
  );
}
