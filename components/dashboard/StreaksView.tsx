"use client";

import { localDateOf, addDays } from "@/lib/stats/local-time";
import { formatDateRange, formatLocalDate } from "@/lib/format/dates";
import { formatCount, formatDays } from "@/lib/format/numbers";
import { useLocale } from "@/components/providers/AppProviders";
import type { InitialReport } from "@/components/dashboard/report-types";
import { useDashboardReport } from "@/components/dashboard/useDashboardReport";
import { ReportFrame } from "@/components/dashboard/ReportFrame";
import { StatCard } from "@/components/dashboard/StatCard";
import { EmptyState } from "@/components/dashboard/EmptyState";
import { StreakCalendar } from "@/components/charts/StreakCalendar";
import { calendarLastDate, streakCalendarData } from "@/components/charts/streak-calendar";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { artistHref } from "@/components/dashboard/artist-links";
import { rangeSearch } from "@/components/range/range-params";

export function StreaksView({ initial }: { initial: InitialReport }) {
  const locale = useLocale();
  const { report, resolved, updating, error, retry } = useDashboardReport(initial);
  const { longest, current, artists } = report.streaks;
  const search = rangeSearch(useSearchParams());
  // The calendar ends at the range's last day, or today for open ranges.
  const lastDate = calendarLastDate(resolved.toDate ? addDays(resolved.toDate, -1) : null, localDateOf(new Date(), initial.timeZone));
  const calendar = report.streakCalendar ?? streakCalendarData(report.timeline);
  return (
    <ReportFrame title="Streaks" timeZone={initial.timeZone} updating={updating} error={error} retry={retry}>
      <section className="stat-grid" aria-label="Streaks">
        <StatCard testId="current-streak" label="Current streak" value={current.days} display={formatDays(current.days, locale)} hint={current.start ? `since ${formatLocalDate(current.start, locale)}` : "listen today to start one"} />
        <StatCard testId="longest-streak" label="Longest streak in range" value={longest.days} display={formatDays(longest.days, locale)} hint={longest.start ? formatDateRange(longest.start, longest.end, locale) : undefined} />
      </section>
      {report.totals.plays === 0 ? (
        <EmptyState hasAnyPlays={initial.hasAnyPlays} />
      ) : (
        <>
          <StreakCalendar data={calendar} lastDate={lastDate} />
          <section className="card">
            <h2 className="card-title">Artist streaks</h2>
            <p className="muted small">Each artist&apos;s longest run of consecutive days with a stream.</p>
            <ol className="ranked-list" data-testid="artist-streaks" aria-label="Artist streaks">
              {artists.map((artist, index) => (
                <li key={artist.id} className="ranked-item" data-id={artist.id} data-days={artist.days}>
                  <span className="rank">{index + 1}</span>
                  <span className="ranked-text">
                    <Link href={artistHref(artist.id, search)} className="ranked-name truncate artist-link" title={artist.name}>
                      {artist.name}
                    </Link>
                    <span className="ranked-subtitle muted">{formatDateRange(artist.start, artist.end, locale)}</span>
                  </span>
                  <span className="ranked-figures">
                    <span className="primary">{formatDays(artist.days, locale)}</span>
                  </span>
                </li>
              ))}
            </ol>
            {artists.length === 0 && <p className="muted">No artist streaks in this range.</p>}
          </section>
        </>
      )}
      <p className="muted small">
        Streak days are local dates in {initial.timeZone}.{" "}
        <span data-testid="listening-days" data-value={calendar.listeningDays}>
          {formatCount(calendar.listeningDays, locale)} listening days in this range.
        </span>
      </p>
    </ReportFrame>
  );
}
