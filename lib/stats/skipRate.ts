import { Prisma } from "@/lib/db/generated/client";
import type { StatsPlan } from "@/lib/stats/plan";
import { resolvePlan } from "@/lib/stats/resolve-plan";
import { dailyTotals } from "@/lib/stats/sources";
import { toNumber, type StatsDb } from "@/lib/stats/sql";
import type { StatsFilter } from "@/lib/stats/types";

/** Among plays with a known msPlayed, the share under 30 s; null when there are none. */
export async function getSkipRate(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<number | null> {
  const source = dailyTotals(filter, await resolvePlan(db, filter, plan));
  const rows = await db.$queryRaw<{ known: bigint | null; short: bigint | null }[]>(Prisma.sql`
    SELECT sum(d.known_ms_plays)::bigint AS known, sum(d.short_plays)::bigint AS short FROM (${source}) d`);
  const known = toNumber(rows[0]?.known);
  return known === 0 ? null : toNumber(rows[0]?.short) / known;
}
