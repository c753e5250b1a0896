import { planStats, type StatsPlan } from "@/lib/stats/plan";
import type { StatsDb } from "@/lib/stats/sql";
import type { StatsFilter } from "@/lib/stats/types";

/** A statistic called on its own plans for itself; getReport plans once and passes the plan. */
export function resolvePlan(db: StatsDb, filter: StatsFilter, plan?: StatsPlan): Promise<StatsPlan> {
  return plan ? Promise.resolve(plan) : planStats(db, filter);
}
