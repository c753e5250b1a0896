"use client";

import { formatCount, formatDecimal, formatDuration, formatPercent } from "@/lib/format/numbers";
import { formatHourOfDay, formatInstant, weekdayNames } from "@/lib/format/dates";
import { useLocale } from "@/components/providers/AppProviders";
import type { InitialReport } from "@/components/dashboard/report-types";
import { useDashboardReport } from "@/components/dashboard/useDashboardReport";
import { ReportFrame } from "@/components/dashboard/ReportFrame";
import { StatCard } from "@/components/dashboard/StatCard";
import { EmptyState } from "@/components/dashboard/EmptyState";
import { HeatmapTable } from "@/components/charts/HeatmapTable";
import { HourChart, streamsByHour } from "@/components/charts/HourChart";

export function HabitsView({ initial }: { initial: InitialReport }) {
  const locale = useLocale();
  const { report, updating, error, retry } = useDashboardReport(initial);
  const { sessions, heatmap, skipRate } = report;
  const byHour = streamsByHour(heatmap);
  const busiestHour = byHour.indexOf(Math.max(...byHour));
  const byDay = heatmap.map((row) => row.reduce((sum, value) => sum + value, 0));
  const busiestDay = byDay.indexOf(Math.max(...byDay));
  return (
    <ReportFrame title="Listening habits" timeZone={initial.timeZone} updating={updating} error={error} retry={retry}>
      {report.totals.plays === 0 ? (
        <EmptyState hasAnyPlays={initial.hasAnyPlays} />
      ) : (
        <>
          <section className="stat-grid" aria-label="Sessions and skips">
            <StatCard testId="sessions-count" label="Sessions" value={sessions.count} display={formatCount(sessions.count, locale)} hint="a 30-minute pause starts a new one" />
            <StatCard
              testId="sessions-mean-plays"
              label="Plays per session"
              value={sessions.meanPlays ?? 0}
              display={sessions.meanPlays === null ? "—" : formatDecimal(sessions.meanPlays, locale)}
              hint={sessions.meanMs === null ? undefined : `${formatDuration(sessions.meanMs, locale)} on average`}
            />
            <StatCard
              testId="skip-rate"
              label="Skip rate"
              value={skipRate ?? -1}
              display={skipRate === null ? "—" : formatPercent(skipRate, locale)}
              hint={skipRate === null ? "needs plays with a known duration (import your export)" : "plays under 30 seconds"}
            />
            {report.totals.streams > 0 && (
              <StatCard testId="busiest-hour" label="Busiest hour" value={busiestHour} display={formatHourOfDay(busiestHour, locale)} hint={`busiest day: ${weekdayNames(locale, "long")[busiestDay]}`} />
            )}
          </section>
          {sessions.longest && (
            <section className="card" data-testid="longest-session">
              <h2 className="card-title">Longest session</h2>
              <p>
                <strong>{formatDuration(sessions.longest.ms, locale)}</strong>, {formatCount(sessions.longest.plays, locale)} plays, from{" "}
                {formatInstant(sessions.longest.start, locale, initial.timeZone)} to {formatInstant(sessions.longest.end, locale, initial.timeZone)}
              </p>
            </section>
          )}
          <HeatmapTable heatmap={heatmap} />
          <HourChart heatmap={heatmap} />
        </>
      )}
    </ReportFrame>
  );
}
