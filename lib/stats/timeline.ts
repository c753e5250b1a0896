import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed } from "@/lib/stats/streamed";
import type { StatsFilter, TimelineEntry } from "@/lib/stats/types";

/** One entry per local date with a play, ascending; a date of short plays only shows 0 streams. */
export const TIMELINE_JSON = Prisma.sql`
  SELECT COALESCE(json_agg(json_build_array(to_char(d.local_date, 'YYYY-MM-DD'), d.streams, d.ms_streams) ORDER BY d.local_date), '[]'::json)
  FROM days d WHERE d.plays > 0`;

export function toTimeline(json: unknown): TimelineEntry[] {
  return (json as [string, number, number][]).map(([date, streams, msListened]) => ({ date, streams: toNumber(streams), msListened: toNumber(msListened) }));
}

export async function getTimeline(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<TimelineEntry[]> {
  const [json] = await queryStreamed(db, filter, await resolvePlan(db, filter, plan), [TIMELINE_JSON]);
  return toTimeline(json);
}
