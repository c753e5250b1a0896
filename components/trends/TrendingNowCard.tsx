"use client";

import Link from "next/link";
import type { TrendItem } from "@/lib/stats/trend-types";
import { useLocale } from "@/components/providers/AppProviders";
import { Name } from "@/components/dashboard/Name";
import { risingSentence } from "@/components/trends/trend-sentences";
import { artistHref } from "@/components/trends/artist-href";
import styles from "@/components/trends/trends.module.css";

/** The overview's card: the top three rising artists (SPEC 5c), whatever range the overview shows. */
export function TrendingNowCard({ artists }: { artists: TrendItem[] }) {
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="trending-now-title">
      <header className="card-header">
        <h2 className="card-title" id="trending-now-title">
          Trending now
        </h2>
        <Link href="/dashboard/trends">See all trends</Link>
      </header>
      {artists.length === 0 ? (
        <p className="muted" data-testid="trending-now-empty">
          No artist is rising in your last four weeks. <Link href="/dashboard/trends">See what is fading, what came back and your unusual days.</Link>
        </p>
      ) : (
        <ol className={styles.trendingList} data-testid="trending-now" aria-label="Rising artists">
          {artists.map((item) => (
            <li key={item.id} data-id={item.id} data-recent={item.recent} data-baseline={item.baseline} data-score={item.score}>
              <Link href={artistHref(item.id)} prefetch={false} className={styles.trendName}>
                <Name>{item.name}</Name>
              </Link>
              <span className="muted small">{risingSentence(item, locale)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
