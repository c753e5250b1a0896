/** The trends report as readable text (`npm run report -- --trends` without --json). */
import type { Trends } from "@/lib/stats/trend-types";

const decimal = (value: number) => (Math.round(value * 100) / 100).toString();

export function formatTrends(trends: Trends, who: string): string {
  const lines = [`Trends for ${who}: the 28 days ${trends.recent.from} to ${trends.recent.to} against the 24 weeks before`];
  const section = (title: string, rows: string[]) => {
    lines.push("", `${title}:`);
    lines.push(...(rows.length ? rows.map((row, index) => `  ${index + 1}. ${row}`) : ["  (none)"]));
  };
  section("Rising artists", trends.risingArtists.map((a) => `${a.name}: ${a.recent} streams recently, ${a.baseline} before (score ${decimal(a.score)})`));
  section("Fading artists", trends.fadingArtists.map((a) => `${a.name}: ${a.recent} streams recently, ${a.baseline} before (score ${decimal(a.score)})`));
  section("Rising tracks", trends.risingTracks.map((t) => `${t.name} (${t.artists.join(", ")}): ${t.recent} recently, ${t.baseline} before (score ${decimal(t.score)})`));
  section("Rediscoveries", trends.rediscoveries.map((a) => `${a.name}: back after ${a.gapDays} days (last before: ${a.lastBefore}), ${a.recent} streams recently`));
  section("Unusual days", trends.unusualDays.map((d) => `${d.date}: ${decimal(d.minutes)} min, usually ${decimal(d.baselineMedian)} (z ${decimal(d.z)})`));
  return lines.join("\n");
}
