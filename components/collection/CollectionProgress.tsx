"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { CollectionStatus } from "@/lib/collection/types";
import { useLocale } from "@/components/providers/AppProviders";
import { useCollectionStatus } from "@/components/collection/CollectionStatusProvider";
import { detailsText, detailsWhenText, readingPlaysText } from "@/components/collection/collection-text";
import styles from "./collection.module.css";

/** What changes what a page can show: plays read, a run ended, the last details read. */
function milestone(status: CollectionStatus): string {
  return `${status.state}:${status.running}:${status.details === null}`;
}

/** While details arrive, figures are fetched again at most this often (genres and completed albums fill in as they come). */
const PROGRESS_REFRESH_MS = 5_000;

/**
 * Above every signed-in page while the user's collection has work pending: what is being read
 * and how far it got. When a step ends, and every few seconds while details arrive, the page's
 * figures are fetched again (server components refreshed, client reports refetched), without a
 * reload.
 */
export function CollectionProgress() {
  const { status, timeZone } = useCollectionStatus();
  const locale = useLocale();
  const router = useRouter();
  const queryClient = useQueryClient();
  const last = useRef({ milestone: milestone(status), done: status.details?.done ?? 0, at: 0 });

  useEffect(() => {
    const now = { milestone: milestone(status), done: status.details?.done ?? 0, at: Date.now() };
    const stepEnded = now.milestone !== last.current.milestone;
    const moreRead = now.done !== last.current.done && now.at - last.current.at >= PROGRESS_REFRESH_MS;
    if (!stepEnded && !moreRead) return;
    last.current = now;
    void queryClient.invalidateQueries({ queryKey: ["report"] });
    router.refresh();
  }, [status, queryClient, router]);

  if (status.state === "plays") {
    return (
      <div className={`banner ${styles.banner}`} role="status" data-testid="collection-progress" data-state="plays">
        <span className={styles.pulse} aria-hidden="true" />
        <div className={styles.text}>
          <strong>{readingPlaysText(locale)}</strong>{" "}
          <span className="muted">Encore is collecting from Spotify; this page updates by itself.</span>
        </div>
      </div>
    );
  }
  if (status.details) {
    const { details } = status;
    const total = details.tracks + details.artists;
    return (
      <div className={`banner ${styles.banner}`} role="status" data-testid="collection-progress" data-state="details">
        {status.running && <span className={styles.pulse} aria-hidden="true" />}
        <div className={styles.text}>
          <strong>{detailsText(details, locale)}.</strong>{" "}
          <span className="muted">{detailsWhenText(status, locale, timeZone)}</span>
          <div className={`progress ${styles.bar}`} role="progressbar" aria-label="Details read" aria-valuemin={0} aria-valuemax={total} aria-valuenow={details.done}>
            <span style={{ width: `${total > 0 ? (details.done / total) * 100 : 0}%` }} />
          </div>
        </div>
      </div>
    );
  }
  return null;
}
