import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { hourlyStreams } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { Heatmap, StatsFilter } from "@/lib/stats/types";

type Row = { isodow: number; hour: number; streams: bigint };

export function emptyHeatmap(): Heatmap {
  return Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
}

/** heatmap[d][h]: streams on ISO weekday d+1 (Monday = 1) at local hour h. */
export async function getHeatmap(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<Heatmap> {
  const source = hourlyStreams(filter, await resolvePlan(db, filter, plan));
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`SELECT h.isodow, h.hour, h.streams FROM (${source}) h`);
  const heatmap = emptyHeatmap();
  for (const row of rows) heatmap[row.isodow - 1][row.hour] = toNumber(row.streams);
  return heatmap;
}
