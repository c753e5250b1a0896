"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShareListing } from "@/lib/shares/list-shares";
import { useLocale } from "@/components/providers/AppProviders";
import { formatInstant, formatLocalDate } from "@/lib/format/dates";
import { addDays } from "@/lib/stats/local-time";

const SHARES_KEY = ["shares"];

async function fetchShares(): Promise<ShareListing[]> {
  const response = await fetch("/api/shares");
  if (!response.ok) throw new Error(`Your share links could not be read (HTTP ${response.status}); reload the page.`);
  return (await response.json()) as ShareListing[];
}

function describe(share: ShareListing, locale: string): string {
  if (share.kind === "wrapped") return `${share.year} wrapped`;
  const last = share.to ? formatLocalDate(addDays(share.to, -1), locale) : null;
  const first = share.from ? formatLocalDate(share.from, locale) : null;
  return `Overview, ${first && last ? `${first} – ${last}` : first ? `since ${first}` : last ? `until ${last}` : "all time"}`;
}

/** Every live share link of the user, with its expiry and a revoke button. */
export function ShareLinksSetting({ timeZone }: { timeZone: string }) {
  const locale = useLocale();
  const queryClient = useQueryClient();
  const shares = useQuery({ queryKey: SHARES_KEY, queryFn: fetchShares });
  const revoke = useMutation({
    mutationFn: async (id: string) => {
      const response = await fetch(`/api/shares/${encodeURIComponent(id)}`, { method: "DELETE" });
      if (!response.ok && response.status !== 404) throw new Error(`Revoking failed (HTTP ${response.status}); try again.`);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: SHARES_KEY }),
  });
  return (
    <section className="card" aria-labelledby="share-links-title">
      <h2 id="share-links-title">Share links</h2>
      <p className="muted">Links you made with “Share” on the year in review or the overview. Anyone with a link sees its snapshot until it expires or you revoke it.</p>
      {shares.isPending ? (
        <p className="muted" role="status">
          Loading your links…
        </p>
      ) : shares.error ? (
        <p className="status-text error-text" role="alert">
          {shares.error.message}
        </p>
      ) : shares.data.length === 0 ? (
        <p className="muted" data-testid="share-links-empty">
          No live links. Use “Share” on your year in review or overview to make one.
        </p>
      ) : (
        <ul className="share-links" data-testid="share-links">
          {shares.data.map((share) => (
            <li key={share.id} data-id={share.id}>
              <span>
                <strong>{describe(share, locale)}</strong>
                <span className="muted">
                  {" "}
                  · {share.showName ? "with your name" : "without your name"} · expires {formatInstant(share.expiresAt, locale, timeZone)}
                </span>
              </span>
              <button type="button" className="button secondary small" disabled={revoke.isPending} onClick={() => revoke.mutate(share.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {revoke.error && (
        <p className="status-text error-text" role="alert">
          {revoke.error.message}
        </p>
      )}
    </section>
  );
}
