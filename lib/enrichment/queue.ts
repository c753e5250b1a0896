/**
 * The persisted, quota-aware enrichment queue of SPEC section 4. Imports queue tracks whose
 * metadata the export lacks; each step asks Spotify one question (GET /v1/tracks/{id} or
 * GET /v1/artists/{id}), stores the answer, and queues the credited artists whose details are
 * unknown or stale. A long Retry-After pauses the whole queue until then (kept in app_state, so
 * every process and the status page see it); nothing already known is ever asked again.
 */
import type { Db } from "@/lib/db/client";
import { inPlainTransaction } from "@/lib/db/plain-transaction";
import { upsertCatalog } from "@/lib/catalog";
import { storeSpotifyGenres } from "@/lib/genres/spotify-genres";
import { refreshRollupsForTracks } from "@/lib/stats/rollups";
import {
  SpotifyBudgetExhaustedError,
  SpotifyNotFoundError,
  SpotifyRateLimitedError,
  SpotifyReauthRequiredError,
  SpotifyPremiumRequiredError,
  SpotifyForbiddenError,
  type RequestBudget,
  type SpotifyClient,
} from "@/lib/spotify";

/** What the queue needs of the Spotify client. */
export type EnrichmentClient = Pick<SpotifyClient, "getTrack" | "getArtist">;

export const PAUSED_UNTIL_KEY = "enrichment.pausedUntil";
/** Why the queue last stopped on a token problem (`{ at, reason }`), until it next runs dry; shown on the status page. */
export const LAST_STOP_KEY = "enrichment.lastStop";
/** Artist details (genres, images) younger than this are not asked for again. */
export const ARTIST_DETAILS_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** A task failing this often (5xx, malformed answers) is given up. */
const MAX_ATTEMPTS = 8;
const RETRY_BASE_MS = 5 * 60 * 1000;
const BATCH = 50;

export type EnrichmentState = { pending: number; pausedUntil: Date | null };

export type AdvanceOptions = {
  db: Db;
  client: EnrichmentClient;
  /** The run's request budget: the queue stops when it is spent. */
  budget?: RequestBudget;
  /** No new request is started after this instant. */
  deadline?: Date;
  now?: () => Date;
};

export type AdvanceResult = {
  /** Tasks done: answered, dropped as not found, or found already known. */
  completed: number;
  requests: number;
  pausedUntil: Date | null;
  /** Why it stopped: nothing left, budget or time spent, paused, or a token problem. */
  stoppedBy: "empty" | "budget" | "deadline" | "paused" | "auth";
  error?: string;
};

type Task = { kind: string; spotifyId: string; attempts: number };

/**
 * Not a Spotify lookup: a track whose credits or duration enrichment changed, whose listeners'
 * rollups still need refreshing. Persisted with the change, so a crash cannot lose it.
 */
export const ROLLUP_MARKER = "rollups";

/**
 * Refreshes the rollups of every marked track at once: a year of one listener's plays is
 * recomputed once per batch instead of once per enriched track. That can span years of a big
 * listener's plays: a plain transaction (lib/db/plain-transaction.ts), not Prisma's.
 */
async function flushRollups(db: Db): Promise<void> {
  await inPlainTransaction(db, async (tx) => {
    const marked = await tx.$queryRaw<{ spotify_id: string }[]>`
      SELECT spotify_id FROM enrichment_tasks WHERE kind = ${ROLLUP_MARKER} FOR UPDATE SKIP LOCKED`;
    if (marked.length === 0) return;
    const trackIds = marked.map((row) => row.spotify_id);
    await refreshRollupsForTracks(tx, trackIds);
    await tx.$executeRaw`DELETE FROM enrichment_tasks WHERE kind = ${ROLLUP_MARKER} AND spotify_id = ANY(${trackIds}::text[])`;
  });
}

export async function getEnrichmentState(db: Db, now: Date = new Date()): Promise<EnrichmentState> {
  const pending = await db.enrichmentTask.count({ where: { kind: { not: ROLLUP_MARKER } } });
  const pausedUntil = await readPausedUntil(db);
  return { pending, pausedUntil: pausedUntil && pausedUntil > now ? pausedUntil : null };
}

async function readPausedUntil(db: Db): Promise<Date | null> {
  const row = await db.appState.findUnique({ where: { key: PAUSED_UNTIL_KEY } });
  const value = row?.value;
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value) : null;
}

export async function advanceEnrichment(options: AdvanceOptions): Promise<AdvanceResult> {
  const { db, client, budget, deadline } = options;
  const now = options.now ?? (() => new Date());
  let completed = 0;
  let requests = 0;
  const done = async (stoppedBy: AdvanceResult["stoppedBy"], pausedUntil: Date | null = null, error?: string): Promise<AdvanceResult> => {
    await flushRollups(db);
    if (stoppedBy === "auth") {
      const value = { at: now().toISOString(), reason: error ?? "Spotify refused the token" };
      await db.appState.upsert({ where: { key: LAST_STOP_KEY }, create: { key: LAST_STOP_KEY, value }, update: { value } });
    } else if (stoppedBy === "empty") {
      await db.appState.deleteMany({ where: { key: LAST_STOP_KEY } });
    }
    return { completed, requests, pausedUntil, stoppedBy, ...(error ? { error } : {}) };
  };

  const pausedUntil = await readPausedUntil(db);
  if (pausedUntil && pausedUntil > now()) return done("paused", pausedUntil);

  for (;;) {
    const tasks = await db.$queryRaw<Task[]>`
      SELECT kind, spotify_id AS "spotifyId", attempts FROM enrichment_tasks
      WHERE kind <> ${ROLLUP_MARKER} AND (not_before IS NULL OR not_before <= ${now()})
      ORDER BY created_at, kind, spotify_id
      LIMIT ${BATCH}`;
    if (tasks.length === 0) return done("empty");
    for (const task of tasks) {
      if (await alreadyKnown(db, task, now())) {
        await deleteTask(db, task);
        completed += 1;
        continue;
      }
      if (budget && budget.remaining <= 0) return done("budget");
      if (deadline && now() >= deadline) return done("deadline");
      requests += 1;
      try {
        if (task.kind === "track") {
          const track = await client.getTrack(task.spotifyId);
          await db.$transaction(async (tx) => {
            const { recreditedTrackIds } = await upsertCatalog(tx, [track], now());
            // Duration and credits feed the listeners' rollups (ms of plays without ms_played,
            // artists). Marked here, in the same transaction, and refreshed per batch (flushRollups).
            await tx.$executeRaw`
              INSERT INTO enrichment_tasks (kind, spotify_id)
              SELECT ${ROLLUP_MARKER}, id FROM unnest(${recreditedTrackIds}::text[]) AS id
              ON CONFLICT DO NOTHING`;
            await tx.$executeRaw`
              INSERT INTO enrichment_tasks (kind, spotify_id)
              SELECT 'artist', a.id FROM artists a
              WHERE a.id = ANY(${track.artists.map((artist) => artist.id)}::text[]) AND a.spotify_missing_at IS NULL
                AND (a.details_fetched_at IS NULL OR a.details_fetched_at < ${new Date(now().getTime() - ARTIST_DETAILS_MAX_AGE_MS)})
              ON CONFLICT DO NOTHING`;
            await tx.enrichmentTask.delete({ where: { kind_spotifyId: { kind: task.kind, spotifyId: task.spotifyId } } });
          });
        } else {
          const artist = await client.getArtist(task.spotifyId);
          await db.$transaction(async (tx) => {
            const details = { name: artist.name, imageUrl: artist.images[0]?.url ?? null, detailsFetchedAt: now(), spotifyMissingAt: null };
            await tx.artist.upsert({ where: { id: artist.id }, create: { id: artist.id, ...details }, update: details });
            await storeSpotifyGenres(tx, artist.id, artist.genres);
            await tx.enrichmentTask.delete({ where: { kind_spotifyId: { kind: task.kind, spotifyId: task.spotifyId } } });
          });
        }
        completed += 1;
      } catch (error) {
        if (error instanceof SpotifyRateLimitedError) {
          await db.appState.upsert({
            where: { key: PAUSED_UNTIL_KEY },
            create: { key: PAUSED_UNTIL_KEY, value: error.retryAt.toISOString() },
            update: { value: error.retryAt.toISOString() },
          });
          return done("paused", error.retryAt);
        }
        if (error instanceof SpotifyBudgetExhaustedError) {
          requests -= 1;
          return done("budget");
        }
        if (error instanceof SpotifyNotFoundError) {
          // Spotify no longer knows the id (old exports hold such ids): final. The track keeps
          // what the export said, is marked so nothing asks again, and the status page counts it.
          await markMissing(db, task, now());
          completed += 1;
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof SpotifyReauthRequiredError || error instanceof SpotifyPremiumRequiredError || error instanceof SpotifyForbiddenError) {
          // The token's problem, not the task's: the task stays as it is for another run.
          return done("auth", null, message);
        }
        await postpone(db, task, message, now());
      }
    }
    await flushRollups(db);
  }
}

/** Never re-asks: tracks read from Spotify once, artists whose details are fresh, ids Spotify answered 404 for. */
async function alreadyKnown(db: Db, task: Task, now: Date): Promise<boolean> {
  if (task.kind === "track") {
    const track = await db.track.findUnique({ where: { id: task.spotifyId }, select: { enrichedAt: true, spotifyMissingAt: true } });
    return track?.enrichedAt != null || track?.spotifyMissingAt != null;
  }
  const artist = await db.artist.findUnique({ where: { id: task.spotifyId }, select: { detailsFetchedAt: true, spotifyMissingAt: true } });
  if (artist?.spotifyMissingAt != null) return true;
  return artist?.detailsFetchedAt != null && now.getTime() - artist.detailsFetchedAt.getTime() < ARTIST_DETAILS_MAX_AGE_MS;
}

/** A 404 for the task's id: marks the track or artist as unknown to Spotify and drops the task, together. */
async function markMissing(db: Db, task: Task, now: Date): Promise<void> {
  await db.$transaction([
    task.kind === "track"
      ? db.track.updateMany({ where: { id: task.spotifyId }, data: { spotifyMissingAt: now } })
      : db.artist.updateMany({ where: { id: task.spotifyId }, data: { spotifyMissingAt: now, detailsFetchedAt: now } }),
    db.enrichmentTask.deleteMany({ where: { kind: task.kind, spotifyId: task.spotifyId } }),
  ]);
}

async function deleteTask(db: Db, task: Task): Promise<void> {
  await db.enrichmentTask.deleteMany({ where: { kind: task.kind, spotifyId: task.spotifyId } });
}

/** Transient failures back off exponentially; a task that keeps failing is dropped. */
async function postpone(db: Db, task: Task, message: string, now: Date): Promise<void> {
  const attempts = task.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) {
    await deleteTask(db, task);
    return;
  }
  const notBefore = new Date(now.getTime() + RETRY_BASE_MS * 2 ** (attempts - 1));
  await db.enrichmentTask.updateMany({
    where: { kind: task.kind, spotifyId: task.spotifyId },
    data: { attempts, lastError: message.slice(0, 500), notBefore },
  });
}
