import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { dailyTotals } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { StatsFilter, TimelineEntry } from "@/lib/stats/types";


/** One entry per local date with a play, ascending; a date of short plays only shows 0 streams. */
export async function getTimeline(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<TimelineEntry[]> {
  const source = dailyTotals(filter, await resolvePlan(db, filter, plan));
  // One JSON value instead of thousands of rows: per-row decoding dominated all-time reports.
  const rows = await db.$queryRaw<{ timeline: string | null }[]>(Prisma.sql`
    SELECT json_agg(json_build_array(to_char(d.local_date, 'YYYY-MM-DD'), d.streams, d.ms_streams) ORDER BY d.local_date)::text AS timeline
    FROM (${source}) d WHERE d.plays > 0`);
  const entries = JSON.parse(rows[0]?.timeline ?? "[]") as [string, number, number][];
  return entries.map(([date, streams, msListened]) => ({ date, streams: toNumber(streams), msListened: toNumber(msListened) }));
}
