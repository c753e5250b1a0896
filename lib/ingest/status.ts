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

/** The user's outcomes matching `condition` (over `r`, the user's row of a run), newest run first, with their runs. */
function outcomesSql(userId: string, condition: Prisma.Sql, limit: number | null): Prisma.Sql {
  return Prisma.sql`
    SELECT r.run_id, r.status, r.inserted, r.gap, r.error, x.started_at, x.finished_at, x.trigger
    FROM ingest_run_users r JOIN ingest_runs x ON x.id = r.run_id
    WHERE r.user_id = ${userId} AND ${condition}
    ORDER BY x.started_at DESC, r.run_id DESC
    ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
}

const RECENT_OUTCOMES = 20;

function gapCondition(now: Date): Prisma.Sql {
  return Prisma.sql`r.gap AND r.created_at >= ${new Date(now.getTime() - GAP_WINDOW_DAYS * 86_400_000)}::timestamptz`;
}

/** The user's most recent ingest outcomes, newest run first. */
export async function recentIngestOutcomes(db: Db, userId: string, limit = RECENT_OUTCOMES): Promise<IngestOutcome[]> {
  return (await db.$queryRaw<OutcomeRow[]>(outcomesSql(userId, Prisma.sql`true`, limit))).map(toOutcome);
}

/** Runs in the last `GAP_WINDOW_DAYS` days where the user may have missed plays (the export import fills them). */
export async function recentGaps(db: Db, userId: string, now: Date = new Date()): Promise<IngestOutcome[]> {
  return (await db.$queryRaw<OutcomeRow[]>(outcomesSql(userId, gapCondition(now), null))).map(toOutcome);
}

/** Both of the above in one statement (the status page's). */
async function outcomesAndGaps(db: Db, userId: string, now: Date): Promise<{ outcomes: IngestOutcome[]; gaps: IngestOutcome[] }> {
  const rows = await db.$queryRaw<(OutcomeRow & { gaps: boolean })[]>`
    SELECT false AS gaps, o.* FROM (${outcomesSql(userId, Prisma.sql`true`, RECENT_OUTCOMES)}) o
    UNION ALL
    SELECT true, g.* FROM (${outcomesSql(userId, gapCondition(now), null)}) g
    ORDER BY gaps, started_at DESC, run_id DESC`;
  return { outcomes: rows.filter((row) => !row.gaps).map(toOutcome), gaps: rows.filter((row) => row.gaps).map(toOutcome) };
}

/**
 * The enrichment queue as it concerns this user: tasks for tracks they played and for artists
 * credited on those tracks. The queue itself is shared; only counts about the user's own
 * catalogue are shown. The queue pauses as a whole on a long Retry-After (an app_state
 * instant); failing that, when no pending task is due yet, the earliest `not_before` is when
 * work on this user's tasks resumes.
 */
export async function enrichmentStatus(db: Db, userId: string, now: Date = new Date()): Promise<EnrichmentStatus> {
  return enrichmentOf(db, userId, now, await readStatusFacts(db, userId));
}

type StatusFacts = {
  queued: bigint;
  unknown_to_spotify: bigint;
  last_stop: unknown;
  paused_until: unknown;
  last_ingested_at: Date | null;
  ingest_cursor: Date | null;
};

/**
 * In one statement: the queue's length (up to the probed limit), the tracks among the user's
 * plays that Spotify no longer knows (a 404 when enrichment asked), the queue's pause and last
 * stop, and the user's collection cursor.
 */
async function readStatusFacts(db: Db, userId: string): Promise<StatusFacts> {
  const [row] = await db.$queryRaw<StatusFacts[]>`
    SELECT ${QUEUED_LOOKUPS_UP_TO_LIMIT} AS queued,
           (SELECT count(*) FROM tracks t
            WHERE t.spotify_missing_at IS NOT NULL AND EXISTS (SELECT 1 FROM plays p WHERE p.user_id = ${userId} AND p.track_id = t.id)) AS unknown_to_spotify,
           (SELECT s.value FROM app_state s WHERE s.key = ${ENRICHMENT_LAST_STOP_KEY}) AS last_stop,
           (SELECT s.value FROM app_state s WHERE s.key = ${ENRICHMENT_PAUSED_UNTIL_KEY}) AS paused_until,
           (SELECT u.last_ingested_at FROM users u WHERE u.id = ${userId}) AS last_ingested_at,
           (SELECT u.ingest_cursor FROM users u WHERE u.id = ${userId}) AS ingest_cursor`;
  return row;
}

async function enrichmentOf(db: Db, userId: string, now: Date, facts: StatusFacts): Promise<EnrichmentStatus> {
  const queue = await enrichmentQueueStatus(db, userId, now, facts);
  const value = facts.last_stop as { at?: unknown; reason?: unknown } | null;
  const lastStop =
    queue.pending > 0 && typeof value?.at === "string" && typeof value.reason === "string" && !Number.isNaN(Date.parse(value.at))
      ? { at: new Date(value.at), reason: value.reason }
      : null;
  return { ...queue, unknownToSpotify: Number(facts.unknown_to_spotify), lastStop };
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

async function enrichmentQueueStatus(db: Db, userId: string, now: Date, facts: StatusFacts): Promise<Pick<EnrichmentStatus, "pending" | "pausedUntil">> {
  if (facts.queued === 0n) return { pending: 0, pausedUntil: null };
  const [row] = await db.$queryRaw<{ pending: bigint; due: bigint; resumes: Date | null }[]>`
    SELECT count(*) AS pending,
           count(*) FILTER (WHERE not_before IS NULL OR not_before <= ${now}::timestamptz) AS due,
           min(not_before) FILTER (WHERE not_before > ${now}::timestamptz) AS resumes
    FROM (${ownTasks(userId, facts.queued <= BigInt(PROBED_QUEUE_LIMIT))}) own_tasks`;
  const pending = Number(row?.pending ?? 0);
  const due = Number(row?.due ?? 0);
  if (pending === 0) return { pending, pausedUntil: null };
  const paused = facts.paused_until;
  const queuePausedUntil = typeof paused === "string" && !Number.isNaN(Date.parse(paused)) ? new Date(paused) : null;
  if (queuePausedUntil && queuePausedUntil > now) return { pending, pausedUntil: queuePausedUntil };
  return { pending, pausedUntil: due === 0 ? (row?.resumes ?? null) : null };
}

/** Everything the status page shows of the user's collection: two statements (three while the queue holds lookups). */
export async function userIngestStatus(db: Db, userId: string, now: Date = new Date()): Promise<UserIngestStatus> {
  const [{ outcomes, gaps }, facts] = await Promise.all([outcomesAndGaps(db, userId, now), readStatusFacts(db, userId)]);
  const enrichment = await enrichmentOf(db, userId, now, facts);
  return { outcomes, gaps, enrichment, lastIngestedAt: facts.last_ingested_at, ingestCursor: facts.ingest_cursor };
}

/** The data-quality checks over this user's data only (SPEC §7), all run live (the status page shares its play scans: lib/checks/user-checks.ts). */
export function userChecks(db: Db, userId: string, now: Date = new Date()): Promise<CheckResult[]> {
  return runChecks(db, { userId, now });
}
