"use client";

import dynamic from "next/dynamic";
import { formatCount } from "@/lib/format/numbers";
import { useLocale } from "@/components/providers/AppProviders";
import styles from "@/components/trends/trends.module.css";

// Drawn in the browser only: a page lists up to 20 of them, and each chart rendered on the server
// costs more server time than the rest of the page. The figures are in the label from the start.
const SparkBars = dynamic(() => import("@/components/trends/SparkBars"), { ssr: false });

/** An item's streams in each of the last 28 weeks (oldest first), the figures in the label for screen readers. */
export function WeeklySparkline({ weeks, name }: { weeks: number[]; name: string }) {
  const locale = useLocale();
  const label = `${name}: streams per week over the last ${weeks.length} weeks, oldest first: ${weeks.map((value) => formatCount(value, locale)).join(", ")}`;
  return (
    <div className={styles.sparkline} role="img" aria-label={label} title={`Streams per week, last ${weeks.length} weeks`} data-weeks={weeks.join(",")}>
      <SparkBars weeks={weeks} />
    </div>
  );
}
