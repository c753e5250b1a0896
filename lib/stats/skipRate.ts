import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import { queryStreamed } from "@/lib/stats/streamed";
import type { StatsFilter } from "@/lib/stats/types";

/** Among plays with a known msPlayed, the share under 30 s; null when there are none. */
export const SKIP_RATE_JSON = Prisma.sql`SELECT json_build_array(sum(d.known_ms_plays), sum(d.short_plays)) FROM days d`;

export function toSkipRate(json: unknown): number | null {
  const [known, short] = json as [number | null, number | null];
  return toNumber(known) === 0 ? null : toNumber(short) / toNumber(known);
}

export async function getSkipRate(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<number | null> {
  const [json] = await queryStreamed(db, filter, await resolvePlan(db, filter, plan), [SKIP_RATE_JSON]);
  return toSkipRate(json);
}
