/**
 * Small pieces shared by the statistics' SQL: range bounds, what a stream is, a play's ms,
 * and conversion of PostgreSQL numbers to JavaScript numbers.
 */
import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";

/** A Prisma client, or the client of an interactive transaction. */
export type StatsDb = Db | Prisma.TransactionClient;

/** `AND played_at >= from AND played_at < to` for the bounds that are set. */
export function playedAtBounds(column: Prisma.Sql, from: Date | null, to: Date | null): Prisma.Sql {
  return Prisma.sql`${from ? Prisma.sql`AND ${column} >= ${from}` : Prisma.empty} ${to ? Prisma.sql`AND ${column} < ${to}` : Prisma.empty}`;
}

/** A stream: msPlayed unknown (recently-played) or at least 30 s. */
export const IS_STREAM = Prisma.sql`(p.ms_played IS NULL OR p.ms_played >= 30000)`;

/** A play's ms: msPlayed, else the track's duration, else 0 (needs `tracks t`). */
export const PLAY_MS = Prisma.sql`COALESCE(p.ms_played, t.duration_ms, 0)`;

/** Converts a COUNT/SUM result (bigint, numeric, number) to a number, refusing silent precision loss. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`statistic ${value} exceeds JavaScript's safe integer range`);
    }
    return Number(value);
  }
  const number = Number(String(value));
  if (!Number.isFinite(number)) throw new TypeError(`not a number: ${String(value)}`);
  return number;
}
