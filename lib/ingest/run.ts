/**
 * One ingestion run (SPEC §3): every connected user, least recently ingested first, within a
 * request budget and a time budget. Used by the cron endpoint and `npm run ingest`, and for one
 * user at sign-in (lib/collection).
 */
import type { Db } from "@/lib/db/client";
import { getValidAccessToken, NotConnectedError } from "@/lib/auth/tokens";
import { advanceEnrichment } from "@/lib/enrichment";
import { snapshotFollowedArtists } from "@/lib/following/snapshots";
import { sendAlert } from "@/lib/ingest/alert";
import { describeIngestFailure, type IngestStep } from "@/lib/ingest/failure";
import { playlistStage } from "@/lib/playlists/stage";
import { refreshArtistDetails } from "@/lib/ingest/artist-details";
import { storeRecentlyPlayed } from "@/lib/ingest/store";
import { runMusicBrainzStage, type MusicBrainzRunOptions } from "@/lib/musicbrainz/stage";
import type { IngestResult, IngestUserResult, IngestUserStatus } from "@/lib/ingest/types";
import {
  createSpotifyClient,
  isCataloguedPlay,
  RequestBudget,
  SpotifyBudgetExhaustedError,
  SpotifyRateLimitedError,
  SpotifyReauthRequiredError,
  type SpotifyClient,
  type TransportOptions,
} from "@/lib/spotify";

export const RECENTLY_PLAYED_MAX = 50;
/** A run still "running" this long after it started was killed (crash, timeout). */
export const STALE_RUN_MS = 10 * 60_000;

export type IngestOptions = {
  db: Db;
  trigger?: "cron" | "cli" | "demo" | "signin";
  /** Only these users (a sign-in's first collection, SPEC §3); every connected user when absent. */
  userIds?: string[];
  now?: () => Date;
  /** Requests to Spotify this run may send (SPOTIFY_RUN_BUDGET, default 300). */
  requestBudget?: number;
  /** Milliseconds the run may take (INGEST_TIME_BUDGET_MS, default 50 s). */
  timeBudgetMs?: number;
  /** Transport overrides for tests (sleep, fetch, retry delays). */
  transport?: Omit<TransportOptions, "budget" | "deadline" | "now">;
  alertWebhookUrl?: string;
  /** Users ingested at the same time (INGEST_CONCURRENCY, default 8). */
  concurrency?: number;
  /** Overrides for the MusicBrainz genres stage (its settings come from the environment otherwise). */
  musicbrainz?: MusicBrainzRunOptions;
};

export async function runIngestion(options: IngestOptions): Promise<IngestResult> {
  const { db } = options;
  if (options.userIds?.length === 0) throw new Error("runIngestion: userIds names no user (leave it out to ingest every connected user)");
  const now = options.now ?? (() => new Date());
  // The transport weighs retries and waits against the deadline on the run's clock.
  const transport = { ...options.transport, now };
  const startedAt = now();
  const deadline = new Date(startedAt.getTime() + (options.timeBudgetMs ?? Number(process.env.INGEST_TIME_BUDGET_MS ?? 50_000)));
  const budget = new RequestBudget(options.requestBudget ?? Number(process.env.SPOTIFY_RUN_BUDGET ?? 300));

  await db.ingestRun.updateMany({
    where: { status: "running", startedAt: { lt: new Date(startedAt.getTime() - STALE_RUN_MS) } },
    data: { status: "failed", finishedAt: startedAt, error: "The run did not finish (the process stopped or timed out); marked failed by a later run." },
  });
  const run = await db.ingestRun.create({ data: { trigger: options.trigger ?? "cron", startedAt, userIds: options.userIds ?? [] } });

  const users = await db.user.findMany({
    where: { needsReauth: false, token: { isNot: null }, ...(options.userIds ? { id: { in: options.userIds } } : {}) },
    orderBy: [{ lastIngestedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    select: { id: true, spotifyId: true, ingestCursor: true },
  });

  // Two passes, a few users at a time (Spotify latency dominates; the client's per-process limit
  // caps what is in flight). First every user's plays: only the last 50 are ever visible, so they
  // come before anything else the budget could buy. Then the details of the artists those plays
  // credit, with what is left. Results keep the least-recently-ingested order.
  const results: (IngestUserResult & { userId: string })[] = new Array(users.length);
  const pending: (PendingArtists | undefined)[] = new Array(users.length);
  const concurrency = options.concurrency ?? Number(process.env.INGEST_CONCURRENCY ?? 8);
  const forEachUser = async (work: (index: number) => Promise<void>) => {
    let next = 0;
    const worker = async () => {
      while (next < users.length) await work(next++);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, users.length)) }, worker));
  };

  await forEachUser(async (index) => {
    const user = users[index];
    if (now() >= deadline || budget.remaining <= 0) {
      results[index] = { userId: user.id, spotifyId: user.spotifyId, status: "deferred", inserted: 0, gap: false, error: "Not reached within this run's budget; next run." };
      return;
    }
    const accessToken = (opts?: { forceRefresh?: boolean }) =>
      getValidAccessToken(db, user.id, { forceRefresh: opts?.forceRefresh, accounts: { ...transport, budget, deadline } });
    const client = createSpotifyClient({ ...transport, accessToken, budget, deadline });
    const outcome = await ingestPlays(db, user, client, now);
    results[index] = { userId: user.id, ...outcome.result };
    if (outcome.result.status === "ok") pending[index] = { client, accessToken, artistIds: outcome.artistIds };
  });

  // Artists asked for in this run: users share popular artists, and each lookup spends budget,
  // so one user asks and the others leave it (one not read is asked when a play credits it again).
  const artistsClaimed = new Set<string>();
  const readers: (RunStageUser & { order: number })[] = [];
  await forEachUser(async (index) => {
    const work = pending[index];
    if (!work) return;
    readers.push({ order: index, userId: users[index].id, spotifyId: users[index].spotifyId, client: work.client, accessToken: work.accessToken });
    const artistIds = work.artistIds.filter((id) => !artistsClaimed.has(id));
    for (const id of artistIds) artistsClaimed.add(id);
    const failure = await readArtistDetails(db, work.client, artistIds, now());
    if (failure) results[index] = { ...results[index], ...failure };
  });

  // Then the work that is not about a user's last 50 plays, in SPEC §3's order, each stage with
  // what the ones before it left of the budget.
  readers.sort((a, b) => a.order - b.order);
  const context: RunStageContext = {
    db,
    budget,
    deadline,
    now,
    transport,
    musicbrainz: options.musicbrainz,
    limitedTo: options.userIds ?? null,
    users: readers,
    // Catalogue lookups are not user-specific: they use the token of a user this run just used successfully.
    catalogueClient: readers.length ? createSpotifyClient({ ...transport, accessToken: readers[0].accessToken, budget, deadline }) : null,
  };
  const stageFailures: string[] = [];
  for (const stage of RUN_STAGES) {
    if (now() >= deadline) break;
    await stage.run(context).catch((error) => {
      const failure = describeIngestFailure(stage.name, error);
      stageFailures.push(failure);
      console.error(`ingest run ${run.id}: ${failure}`);
    });
  }

  const finishedAt = now();
  const inserted = results.reduce((sum, user) => sum + user.inserted, 0);
  const result: IngestResult = {
    runId: run.id,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    inserted,
    users: results.map((user) => ({ spotifyId: user.spotifyId, status: user.status, inserted: user.inserted, gap: user.gap, ...(user.error ? { error: user.error } : {}) })),
  };
  await db.$transaction([
    db.ingestRunUser.createMany({
      data: results.map((user) => ({ runId: run.id, userId: user.userId, status: user.status, inserted: user.inserted, gap: user.gap, error: user.error ?? null })),
    }),
    db.ingestRun.update({
      where: { id: run.id },
      // A stage that stopped leaves the run succeeded (the users' plays are stored) and says why.
      data: { status: "succeeded", finishedAt, inserted, requests: budget.used, result, error: stageFailures.join(" ").slice(0, 2000) || null },
    }),
  ]);
  await sendAlert(result, options.alertWebhookUrl);
  return result;
}

type PendingArtists = { client: SpotifyClient; accessToken: () => Promise<string>; artistIds: string[] };

/** A user whose plays this run read, with the client it used. */
export type RunStageUser = { userId: string; spotifyId: string; client: SpotifyClient; accessToken: () => Promise<string> };

/** What a stage after the users' plays and artists gets: the run's budget, deadline and clock. */
export type RunStageContext = {
  db: Db;
  budget: RequestBudget;
  deadline: Date;
  now: () => Date;
  transport: IngestOptions["transport"];
  musicbrainz: IngestOptions["musicbrainz"];
  /** The users a run is limited to (a sign-in's first collection), whose work goes first; null: everyone. */
  limitedTo: string[] | null;
  /** Users whose plays were read in this run, least recently ingested first. */
  users: RunStageUser[];
  /** For catalogue lookups (not user-specific); null when no user's plays were read. */
  catalogueClient: SpotifyClient | null;
};

/** A stage decides for itself whether it has budget for its work; a failure is logged and the run goes on. */
export type RunStage = { name: string; run(context: RunStageContext): Promise<void> };

/**
 * SPEC §3's order after the users' plays and their artists: the import enrichment queue (§4),
 * snapshots of followed artists (§5c), playlists (§10); then the work that is not Spotify's
 * (MusicBrainz genres, §12).
 */
const RUN_STAGES: RunStage[] = [
  {
    name: "enrichment",
    run: async ({ db, budget, deadline, now, catalogueClient }) => {
      if (!catalogueClient || budget.remaining <= 0) return;
      const result = await advanceEnrichment({ db, client: catalogueClient, budget, deadline, now });
      if (result.stoppedBy === "auth") throw new Error(result.error ?? "Spotify refused the token");
    },
  },
  {
    name: "followed artists' snapshots",
    run: async ({ db, budget, deadline, now, catalogueClient }) => {
      if (!catalogueClient || budget.remaining <= 0) return;
      await snapshotFollowedArtists({ db, client: catalogueClient, budget, deadline, now });
    },
  },
  playlistStage,
  { name: "MusicBrainz genres", run: async (context) => void (await runMusicBrainzStage(context)) },
];

/** The user's new plays, stored with their catalogue and cursor; the artists they credit, for the second pass. */
async function ingestPlays(
  db: Db,
  user: { id: string; spotifyId: string; ingestCursor: Date | null },
  client: SpotifyClient,
  now: () => Date,
): Promise<{ result: IngestUserResult; artistIds: string[] }> {
  try {
    const page = await client.getRecentlyPlayed({ limit: RECENTLY_PLAYED_MAX });
    const cursor = user.ingestCursor;
    // Only the last 50 plays are ever visible: 50 that are all newer than the cursor may hide more.
    const gap = Boolean(cursor) && page.items.length === RECENTLY_PLAYED_MAX && page.items.every((item) => new Date(item.played_at) > cursor!);
    const fresh = cursor ? page.items.filter((item) => new Date(item.played_at) > cursor) : page.items;
    const stored = await storeRecentlyPlayed(db, user.id, fresh, now());
    const artistIds = [...new Set(fresh.filter(isCataloguedPlay).flatMap((item) => item.track.artists.map((artist) => artist.id)))];
    return { result: { spotifyId: user.spotifyId, status: "ok", inserted: stored.inserted, gap }, artistIds };
  } catch (error) {
    const result = { spotifyId: user.spotifyId, inserted: 0, gap: false, ...failureOf(error, "recently played") };
    // A deferred user keeps its place at the front of the next run; a failing one goes to the
    // back, so that it cannot hold the front of every run.
    if (result.status !== "deferred") await db.user.update({ where: { id: user.id }, data: { lastIngestedAt: now() } }).catch(() => undefined);
    return { result, artistIds: [] };
  }
}

/**
 * Details of the artists a user's plays credit, within what is left of the budget (running out
 * or a rate limit leaves the rest for later). The plays are stored either way: another failure
 * changes the user's status, not its count.
 */
async function readArtistDetails(db: Db, client: SpotifyClient, artistIds: string[], now: Date): Promise<Pick<IngestUserResult, "status" | "error"> | null> {
  try {
    await refreshArtistDetails(db, client, artistIds, now);
    return null;
  } catch (error) {
    if (error instanceof SpotifyRateLimitedError) return null;
    const failure = failureOf(error, "artist details");
    return { ...failure, error: `${failure.error} The plays were stored.` };
  }
}

/** The user's status, and the step and reason (lib/ingest/failure.ts) for the run log and the status page. */
function failureOf(error: unknown, during: IngestStep): { status: Exclude<IngestUserStatus, "ok">; error: string } {
  const message = describeIngestFailure(during, error);
  if (error instanceof SpotifyReauthRequiredError || error instanceof NotConnectedError) return { status: "reauth", error: message };
  if (error instanceof SpotifyRateLimitedError || error instanceof SpotifyBudgetExhaustedError) return { status: "deferred", error: message };
  return { status: "error", error: message };
}
