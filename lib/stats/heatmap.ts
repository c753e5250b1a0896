import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { hourlyStreams } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed } from "@/lib/stats/streamed";
import type { Heatmap, StatsFilter } from "@/lib/stats/types";

export function emptyHeatmap(): Heatmap {
  return Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
}

/** Streams per ISO weekday and local hour as JSON [[isodow, hour, streams], ...]. */
export function heatmapJson(filter: StatsFilter, plan: StatsPlan): Prisma.Sql {
  return Prisma.sql`SELECT COALESCE(json_agg(json_build_array(h.isodow, h.hour, h.streams)), '[]'::json) FROM (${hourlyStreams(filter, plan)}) h`;
}

/** heatmap[d][h]: streams on ISO weekday d+1 (Monday = 1) at local hour h. */
export function toHeatmap(json: unknown): Heatmap {
  const heatmap = emptyHeatmap();
  for (const [isodow, hour, streams] of json as [number, number, number][]) heatmap[isodow - 1][hour] = toNumber(streams);
  return heatmap;
}

export async function getHeatmap(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<Heatmap> {
  const resolved = await resolvePlan(db, filter, plan);
  const [json] = await queryStreamed(db, filter, resolved, [heatmapJson(filter, resolved)]);
  return toHeatmap(json);
}
