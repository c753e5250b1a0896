"use client";

import dynamic from "next/dynamic";
import { formatCount } from "@/lib/format/numbers";
import { formatLocalDate } from "@/lib/format/dates";
import type { DailySeries } from "@/lib/stats/day-scores";
import type { UnusualDay } from "@/lib/stats/trend-types";
import type { LocalDate } from "@/lib/stats/types";
import { useLocale } from "@/components/providers/AppProviders";
import { ChartFigure } from "@/components/charts/ChartFigure";

// Drawn in the browser only (the server cannot measure its width anyway): the server renders the
// figure's title, its unusual days and their table, and sends the daily series (a number per date).
const HEIGHT = 240;
const UnusualDaysChart = dynamic(() => import("@/components/trends/UnusualDaysChart"), {
  ssr: false,
  loading: () => <div style={{ height: HEIGHT }} />,
});

/** Minutes per day over the last year, with the unusual days marked; hover a day for its minutes, the usual amount and why it stands out. */
export function UnusualDaysTimeline({ series, firstPlayDate, unusual }: { series: DailySeries; firstPlayDate: LocalDate | null; unusual: UnusualDay[] }) {
  const locale = useLocale();
  return (
    <ChartFigure
      height={HEIGHT}
      title="Your last year, day by day"
      description={`Minutes listened per day; ${unusual.length === 0 ? "no day stood out" : `${formatCount(unusual.length, locale)} unusual ${unusual.length === 1 ? "day is" : "days are"} marked`}. Hover a day for its minutes and your usual amount.`}
      table={{
        caption: "Unusual days of the last year: minutes listened and the usual amount",
        headers: ["Date", "Minutes", "Usual minutes a day"],
        rows: unusual.map((day) => [formatLocalDate(day.date, locale), formatCount(Math.round(day.minutes), locale), formatCount(Math.round(day.baselineMedian), locale)]),
      }}
    >
      <div data-testid="unusual-timeline" data-marked={unusual.map((day) => day.date).join(",")}>
        <UnusualDaysChart series={series} firstPlayDate={firstPlayDate} height={HEIGHT} />
      </div>
    </ChartFigure>
  );
}
