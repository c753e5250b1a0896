/**
 * The first view of a dashboard page, on the server: the range from the URL (the default one,
 * flagged, when not understood), the report for it, and whether the user has any play at all.
 */
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { resolveRangeQuery } from "@/lib/stats/range";
import { getReport } from "@/lib/stats/report";
import type { InitialReport } from "@/components/dashboard/report-types";
import { reportRequestOf } from "@/components/range/range-params";

export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

export function firstParam(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export async function loadInitialReport(user: SessionUser, searchParams: Awaited<PageSearchParams>, limit: number): Promise<InitialReport> {
  const now = new Date();
  const resolved = resolveRangeQuery(
    { range: firstParam(searchParams.range), from: firstParam(searchParams.from), to: firstParam(searchParams.to) },
    now,
    user.timeZone,
  );
  const db = getDb();
  const [report, anyPlay] = await Promise.all([
    getReport(db, { userId: user.id, from: resolved.from, to: resolved.to, timeZone: user.timeZone, limit, now }),
    db.play.findFirst({ where: { userId: user.id }, select: { id: true } }),
  ]);
  return { report, request: reportRequestOf(resolved), limit, timeZone: user.timeZone, hasAnyPlays: anyPlay !== null };
}

/** `?by=time` ranks by time listened; anything else by streams. */
export function rankByOf(searchParams: Awaited<PageSearchParams>): "streams" | "time" {
  return firstParam(searchParams.by) === "time" ? "time" : "streams";
}
