/**
 * Decides, per report, whether the rollups of lib/stats/rollups.ts can answer exactly:
 * local-date rollups only when they were built in the report's time zone and both bounds fall
 * on local day starts; sessions and first streams (zone-free) whenever the user has rollups.
 * Anything else reads raw plays.
 */
import { Prisma } from "@/lib/db/generated/client";
import type { StatsDb } from "@/lib/stats/sql";
import type { LocalDate, StatsFilter } from "@/lib/stats/types";

export type StatsPlan = {
  /** The user has complete rollups (sessions, first streams). */
  rolledUp: boolean;
  /** ...and their local dates are in the filter's time zone (current streak). */
  zoneMatches: boolean;
  /** The filter as local dates [from, to) when the day rollups answer it exactly, else null. */
  days: { from: LocalDate | null; to: LocalDate | null } | null;
};

export const RAW_PLAN: StatsPlan = { rolledUp: false, zoneMatches: false, days: null };

type PlanRow = { time_zone: string; from_date: string | null; from_aligned: boolean; to_date: string | null; to_aligned: boolean };

function localDate(instant: Date | null, timeZone: string): Prisma.Sql {
  return instant ? Prisma.sql`to_char((${instant}::timestamptz AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD')` : Prisma.sql`NULL::text`;
}

/** True when the instant is the first of its local date. */
function dayStart(instant: Date | null, timeZone: string): Prisma.Sql {
  if (!instant) return Prisma.sql`true`;
  return Prisma.sql`((${instant}::timestamptz - interval '1 millisecond') AT TIME ZONE ${timeZone})::date
    <> (${instant}::timestamptz AT TIME ZONE ${timeZone})::date`;
}

export async function planStats(db: StatsDb, filter: StatsFilter): Promise<StatsPlan> {
  const rows = await db.$queryRaw<PlanRow[]>`
    SELECT s.time_zone,
           ${localDate(filter.from, filter.timeZone)} AS from_date, ${dayStart(filter.from, filter.timeZone)} AS from_aligned,
           ${localDate(filter.to, filter.timeZone)} AS to_date, ${dayStart(filter.to, filter.timeZone)} AS to_aligned
    FROM stats_rollup_state s
    WHERE s.user_id = ${filter.userId}`;
  const row = rows[0];
  if (!row) return RAW_PLAN;
  const zoneMatches = row.time_zone === filter.timeZone;
  const days = zoneMatches && row.from_aligned && row.to_aligned ? { from: row.from_date, to: row.to_date } : null;
  return { rolledUp: true, zoneMatches, days };
}

