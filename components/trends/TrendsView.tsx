"use client";

import Link from "next/link";
import { formatCount, formatDecimal } from "@/lib/format/numbers";
import { formatLocalDate } from "@/lib/format/dates";
import type { TrendItem } from "@/lib/stats/trend-types";
import { useLocale } from "@/components/providers/AppProviders";
import { EmptyState, ImportSuggestion } from "@/components/dashboard/EmptyState";
import { Name } from "@/components/dashboard/Name";
import { WeeklySparkline } from "@/components/trends/WeeklySparkline";
import { UnusualDaysTimeline } from "@/components/trends/UnusualDaysTimeline";
import { fadingSentence, rediscoverySentence, risingSentence, unusualDaySentence, formatMinutesSpoken } from "@/components/trends/trend-sentences";
import { artistHref } from "@/components/trends/artist-href";
import type { TrendsViewData } from "@/components/trends/trends-view-data";
import styles from "@/components/trends/trends.module.css";

function Counts({ item }: { item: TrendItem }) {
  const locale = useLocale();
  return (
    <span className={styles.counts}>
      <span className="primary" title="Streams in the last four weeks">
        {formatCount(item.recent, locale)} recent
      </span>
      <span className="muted" title="Streams in the 24 weeks before">
        {formatCount(item.baseline, locale)} before
      </span>
      <span className="muted small" title="Score: (recent + 1) / (before per four weeks + 1)">
        {item.baseline === 0 ? "new" : `${formatDecimal(item.score, locale)}× pace`}
      </span>
    </span>
  );
}

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <section className="card">
      <header className={styles.sectionHeader}>
        <h2 className="card-title">{title}</h2>
        <p className="muted small">{description}</p>
      </header>
      {children}
    </section>
  );
}

function Nothing({ children }: { children: React.ReactNode }) {
  return <p className={`muted ${styles.nothing}`}>{children}</p>;
}

export function TrendsView({ page, asOf, nowNotUnderstood }: { page: TrendsViewData; asOf: string | null; nowNotUnderstood: boolean }) {
  const locale = useLocale();
  const { trends, weeks, trackCredits } = page;
  const today = trends.recent.to; // D
  const heading = (
    <div className="page-heading">
      <h1>Trends</h1>
    </div>
  );
  const notes = (
    <>
      {nowNotUnderstood && (
        <p className="range-note banner" role="status">
          The date in the address was not understood, so these are today&apos;s trends.
        </p>
      )}
      {asOf && (
        <p className="muted small" data-testid="trends-as-of">
          Trends as of {formatLocalDate(today, locale)}. <Link href="/dashboard/trends">Show today&apos;s</Link>
        </p>
      )}
    </>
  );

  if (page.firstPlayDate === null) {
    return (
      <div className="report-frame">
        {heading}
        {notes}
        <EmptyState hasAnyPlays={false} />
      </div>
    );
  }
  if (page.readyOn !== null && page.readyOn > today) {
    const daysSoFar = Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${page.firstPlayDate}T00:00:00Z`)) / 86_400_000) + 1);
    return (
      <div className="report-frame">
        {heading}
        {notes}
        <ImportSuggestion title="Trends need four weeks of listening">
          Encore has {formatCount(daysSoFar, locale)} {daysSoFar === 1 ? "day" : "days"} of your listening so far (since {formatLocalDate(page.firstPlayDate, locale)}). Trends compare your
          last four weeks with the weeks before, so they appear on {formatLocalDate(page.readyOn, locale)}. Importing your Spotify data export brings your whole history, and
          trends at once.
        </ImportSuggestion>
      </div>
    );
  }

  const unusualDays = trends.unusualDays;
  return (
    <div className="report-frame">
      {heading}
      <p className="muted" data-testid="trends-window">
        Your last four weeks ({formatLocalDate(trends.recent.from, locale)} – {formatLocalDate(trends.recent.to, locale)}) against the 24 weeks before, in {page.timeZone}.
      </p>
      {notes}
      <div className="report-body">
        <Section title="Rising artists" description="At least 5 streams in the last four weeks, and twice your usual pace or more.">
          {trends.risingArtists.length === 0 ? (
            <Nothing>Nothing is rising right now: no artist has reached twice their usual pace with at least 5 streams in the last four weeks.</Nothing>
          ) : (
            <ol className={styles.trendList} data-testid="rising-artists" aria-label="Rising artists">
              {trends.risingArtists.map((item, index) => (
                <li key={item.id} className={styles.trendItem} data-id={item.id} data-recent={item.recent} data-baseline={item.baseline} data-score={item.score}>
                  <span className="rank">{index + 1}</span>
                  <span className={styles.trendText}>
                    <Link href={artistHref(item.id)} prefetch={false} className={styles.trendName}>
                      <Name>{item.name}</Name>
                    </Link>
                    <span className="muted small">{risingSentence(item, locale)}</span>
                  </span>
                  <WeeklySparkline weeks={weeks.artists[item.id] ?? []} name={item.name} />
                  <Counts item={item} />
                </li>
              ))}
            </ol>
          )}
        </Section>
        <Section title="Rising tracks" description="The same measure, per track.">
          {trends.risingTracks.length === 0 ? (
            <Nothing>No track is rising right now.</Nothing>
          ) : (
            <ol className={styles.trendList} data-testid="rising-tracks" aria-label="Rising tracks">
              {trends.risingTracks.map((item, index) => (
                <li key={item.id} className={styles.trendItem} data-id={item.id} data-recent={item.recent} data-baseline={item.baseline} data-score={item.score}>
                  <span className="rank">{index + 1}</span>
                  <span className={styles.trendText}>
                    <Name className={styles.trendName}>{item.name}</Name>
                    <span className={`small ${styles.credits}`}>
                      {(trackCredits[item.id] ?? []).map((artist, position) => (
                        <span key={`${artist.id}-${position}`}>
                          {position > 0 && ", "}
                          <Link href={artistHref(artist.id)} prefetch={false}>{artist.name}</Link>
                        </span>
                      ))}
                    </span>
                    <span className="muted small">{risingSentence(item, locale)}</span>
                  </span>
                  <WeeklySparkline weeks={weeks.tracks[item.id] ?? []} name={item.name} />
                  <Counts item={item} />
                </li>
              ))}
            </ol>
          )}
        </Section>
        <div className="top-grid">
          <Section title="Fading artists" description="At least 5 streams per four weeks before, and half that pace or less lately.">
            {trends.fadingArtists.length === 0 ? (
              <Nothing>No artist you played often is fading.</Nothing>
            ) : (
              <ol className={styles.simpleList} data-testid="fading-artists" aria-label="Fading artists">
                {trends.fadingArtists.map((item) => (
                  <li key={item.id} data-id={item.id} data-recent={item.recent} data-baseline={item.baseline} data-score={item.score}>
                    <Link href={artistHref(item.id)} prefetch={false} className={styles.trendName}>
                      <Name>{item.name}</Name>
                    </Link>
                    <span className="muted small">{fadingSentence(item, locale)}</span>
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <Section title="Rediscoveries" description="Artists back in the last four weeks after half a year or more away.">
            {trends.rediscoveries.length === 0 ? (
              <Nothing>No artist came back after a long break lately.</Nothing>
            ) : (
              <ol className={styles.simpleList} data-testid="rediscoveries" aria-label="Rediscoveries">
                {trends.rediscoveries.map((item) => (
                  <li key={item.id} data-id={item.id} data-recent={item.recent} data-gap-days={item.gapDays} data-last-before={item.lastBefore}>
                    <Link href={artistHref(item.id)} prefetch={false} className={styles.trendName}>
                      <Name>{item.name}</Name>
                    </Link>
                    <span className="muted small">{rediscoverySentence(item, locale)}</span>
                  </li>
                ))}
              </ol>
            )}
          </Section>
        </div>
        <UnusualDaysTimeline series={page.series} firstPlayDate={page.firstPlayDate} unusual={page.unusualOfYear} />
        <Section title="Unusual days" description="Days far above what the four weeks before them were like.">
          {unusualDays.length === 0 ? (
            <Nothing>No day of the last year stood out from the weeks before it.</Nothing>
          ) : (
            <ol className={styles.simpleList} data-testid="unusual-days" aria-label="Unusual days">
              {unusualDays.map((day) => (
                <li key={day.date} data-date={day.date} data-minutes={day.minutes} data-median={day.baselineMedian} data-z={day.z}>
                  <span className={styles.trendName}>
                    {formatLocalDate(day.date, locale, { weekday: "long", month: "long", day: "numeric", year: "numeric" })}
                    <span className={`badge ${styles.minutesBadge}`}>{formatMinutesSpoken(day.minutes, locale)}</span>
                  </span>
                  <span className="muted small">{unusualDaySentence(day, locale)}</span>
                </li>
              ))}
            </ol>
          )}
        </Section>
      </div>
    </div>
  );
}
