/**
 * What the status page shows (SPEC §6, §7): the signed-in user's own ingest outcomes, their
 * recent gaps, the state of the enrichment work on their tracks, and the data-quality checks
 * run over their data only. Every query here is scoped by `userId`.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { runChecks, type CheckResult } from "@/lib/checks/run-checks";
import type { IngestUserStatus } from "@/lib/ingest/types";
import { lookupOfUser, PROBED_QUEUE_LIMIT, QUEUED_LOOKUPS_UP_TO_LIMIT } from "@/lib/enrichment/probed-queue";

export const GAP_WINDOW_DAYS = 7;
/** The enrichment queue's global pause (lib/enrichment's PAUSED_UNTIL_KEY): an ISO instant from a long Retry-After. */
export const ENRICHMENT_PAUSED_UNTIL_KEY = "enrichment.pausedUntil";
/** Why the queue last stopped on a token problem (lib/enrichment's LAST_STOP_KEY): `{ at, reason }`. */
export const ENRICHMENT_LAST_STOP_KEY = "enrichment.lastStop";

export type IngestOutcome = {
  runId: string;
  runStartedAt: Date;
  runFinishedAt: Date | null;
  trigger: string;
  status: IngestUserStatus;
  inserted: number;
  gap: boolean;
  error: string | null;
};

export type EnrichmentStatus = {
  /** Lookups still wanted for tracks and artists of this user's plays. */
  pending: number;
  /** When every pending lookup waits on a Spotify Retry-After: when the queue resumes. */
  pausedUntil: Date | null;
  /** Tracks this user played whose id Spotify answered 404 for (old exports): they keep the export's names. */
  unknownToSpotify: number;
  /** When work is waiting and the queue last stopped on a token problem: when and why (step and reason, no ids). */
  lastStop: { at: Date; reason: string } | null;
};

export type UserIngestStatus = {
  outcomes: IngestOutcome[];
  gaps: IngestOutcome[];
  enrichment: EnrichmentStatus;
  lastIngestedAt: Date | null;
  ingestCursor: Date | null;
};

const KNOWN_STATUSES: readonly IngestUserStatus[] = ["ok", "reauth", "deferred", "error"];

type OutcomeRow = { run_id: string; status: string; inserted: number; gap: boolean; error: string | null; started_at: Date; finished_at: Date | null; trigger: string };

function toOutcome(row: OutcomeRow): IngestOutcome {
  return {
    runId: row.run_id,
    runStartedAt: row.started_at,
    runFinishedAt: row.finished_at,
    trigger: row.trigger,
    // The column is free text; anything unexpected is shown as an error rather than trusted.
    status: (KNOWN_STATUSES as readonly string[]).includes(row.status) ? (row.status as IngestUserStatus) : "error",
    inserted: row.inserted,
    gap: row.gap,
    error: row.error,
  };
}

/** The user's outcomes matching `condition` (over `r`, the user's row of a run), newest run first, with their runs: one statement. */
async function outcomesWhere(db: Db, userId: string, condition: Prisma.Sql, limit: number | null): Promise<IngestOutcome[]> {
  const rows = await db.$queryRaw<OutcomeRow[]>`
    SELECT r.run_id, r.status, r.inserted, r.gap, r.error, x.started_at, x.finished_at, x.trigger
    FROM ingest_run_users r JOIN ingest_runs x ON x.id = r.run_id
    WHERE r.user_id = ${userId} AND ${condition}
    ORDER BY x.started_at DESC, r.run_id DESC
    ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
  return rows.map(toOutcome);
}

/** The user's most recent ingest outcomes, newest run first. */
export function recentIngestOutcomes(db: Db, userId: string, limit = 20): Promise<IngestOutcome[]> {
  return outcomesWhere(db, userId, Prisma.sql`true`, limit);
}

/** Runs in the last `GAP_WINDOW_DAYS` days where the user may have missed plays (the export import fills them). */
export function recentGaps(db: Db, userId: string, now: Date = new Date()): Promise<IngestOutcome[]> {
  const since = new Date(now.getTime() - GAP_WINDOW_DAYS * 86_400_000);
  return outcomesWhere(db, userId, Prisma.sql`r.gap AND r.created_at >= ${since}::timestamptz`, null);
}

/**
 * The enrichment queue as it concerns this user: tasks for tracks they played and for artists
 * credited on those tracks. The queue itself is shared; only counts about the user's own
 * catalogue are shown. The queue pauses as a whole on a long Retry-After (an app_state
 * instant); failing that, when no pending task is due yet, the earliest `not_before` is when
 * work on this user's tasks resumes.
 */
export async function enrichmentStatus(db: Db, userId: string, now: Date = new Date()): Promise<EnrichmentStatus> {
  const [queue, unknownToSpotify, stop] = await Promise.all([
    enrichmentQueueStatus(db, userId, now),
    tracksUnknownToSpotify(db, userId),
    db.appState.findUnique({ where: { key: ENRICHMENT_LAST_STOP_KEY }, select: { value: true } }),
  ]);
  const value = stop?.value as { at?: unknown; reason?: unknown } | undefined;
  const lastStop =
    queue.pending > 0 && typeof value?.at === "string" && typeof value.reason === "string" && !Number.isNaN(Date.parse(value.at))
      ? { at: new Date(value.at), reason: value.reason }
      : null;
  return { ...queue, unknownToSpotify, lastStop };
}

/** Distinct tracks among the user's plays that Spotify no longer knows (a 404 when enrichment asked). */
export async function tracksUnknownToSpotify(db: Db, userId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM tracks t
    WHERE t.spotify_missing_at IS NOT NULL AND EXISTS (SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = t.id)`;
  return Number(row?.count ?? 0);
}

/** The queued lookups of the user's tracks and of artists credited on them, as a subquery of their not_before. */
function ownTasks(userId: string, shortQueue: boolean): Prisma.Sql {
  // While the queue is short, each lookup is probed for in the user's plays (an index lookup
  // apiece); a long one is matched against the user's distinct tracks (a pass over all their
  // plays: 200 ms for a million-play listener). Both count the same tasks.
  if (shortQueue) return Prisma.sql`SELECT t.not_before FROM enrichment_tasks t WHERE ${lookupOfUser(Prisma.sql`t`, userId)}`;
  return Prisma.sql`
    WITH own_tracks AS (SELECT DISTINCT track_id FROM plays WHERE user_id = ${userId})
    SELECT t.not_before FROM enrichment_tasks t
    WHERE (t.kind = 'track' AND t.spotify_id IN (SELECT track_id FROM own_tracks))
       OR (t.kind = 'artist' AND t.spotify_id IN (
            SELECT ta.artist_id FROM track_artists ta WHERE ta.track_id IN (SELECT track_id FROM own_tracks)))`;
}

async function enrichmentQueueStatus(db: Db, userId: string, now: Date): Promise<Pick<EnrichmentStatus, "pending" | "pausedUntil">> {
  const [{ queued }] = await db.$queryRaw<{ queued: bigint }[]>`SELECT ${QUEUED_LOOKUPS_UP_TO_LIMIT} AS queued`;
  if (queued === 0n) return { pending: 0, pausedUntil: null };
  const [row] = await db.$queryRaw<{ pending: bigint; due: bigint; resumes: Date | null }[]>`
    SELECT count(*) AS pending,
           count(*) FILTER (WHERE not_before IS NULL OR not_before <= ${now}::timestamptz) AS due,
           min(not_before) FILTER (WHERE not_before > ${now}::timestamptz) AS resumes
    FROM (${ownTasks(userId, queued <= BigInt(PROBED_QUEUE_LIMIT))}) own_tasks`;
  const pending = Number(row?.pending ?? 0);
  const due = Number(row?.due ?? 0);
  if (pending === 0) return { pending, pausedUntil: null };
  const pause = await db.appState.findUnique({ where: { key: ENRICHMENT_PAUSED_UNTIL_KEY }, select: { value: true } });
  const queuePausedUntil = typeof pause?.value === "string" && !Number.isNaN(Date.parse(pause.value)) ? new Date(pause.value) : null;
  if (queuePausedUntil && queuePausedUntil > now) return { pending, pausedUntil: queuePausedUntil };
  return { pending, pausedUntil: due === 0 ? (row?.resumes ?? null) : null };
}

export async function userIngestStatus(db: Db, userId: string, now: Date = new Date()): Promise<UserIngestStatus> {
  const [outcomes, gaps, enrichment, user] = await Promise.all([
    recentIngestOutcomes(db, userId),
    recentGaps(db, userId, now),
    enrichmentStatus(db, userId, now),
    db.user.findUnique({ where: { id: userId }, select: { lastIngestedAt: true, ingestCursor: true } }),
  ]);
  return { outcomes, gaps, enrichment, lastIngestedAt: user?.lastIngestedAt ?? null, ingestCursor: user?.ingestCursor ?? null };
}

/** The data-quality checks over this user's data only (SPEC §7), all run live (the status page shares its play scans: lib/checks/user-checks.ts). */
export function userChecks(db: Db, userId: string, now: Date = new Date()): Promise<CheckResult[]> {
  return runChecks(db, { userId, now });
}
