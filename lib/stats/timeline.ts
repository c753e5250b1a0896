import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { dailyTotals } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { StatsFilter, TimelineEntry } from "@/lib/stats/types";

type Row = { date: string; streams: bigint; ms: bigint };

/** One entry per local date with a play, ascending; a date of short plays only shows 0 streams. */
export async function getTimeline(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<TimelineEntry[]> {
  const source = dailyTotals(filter, await resolvePlan(db, filter, plan));
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT to_char(d.local_date, 'YYYY-MM-DD') AS date, d.streams, d.ms_streams AS ms
    FROM (${source}) d WHERE d.plays > 0
    ORDER BY d.local_date`);
  return rows.map((row) => ({ date: row.date, streams: toNumber(row.streams), msListened: toNumber(row.ms) }));
}
