/**
 * One import of a Spotify data export, used by `npm run import` and the upload page: reads the
 * history files as streams, validates every entry, stages the plays with COPY and merges them
 * in one transaction. All or nothing: on any error the transaction is rolled back and only the
 * ImportJob row remains, marked failed with the error.
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { refreshRollups } from "@/lib/stats/rollups";
import { provisionalAlbumId, provisionalArtistId, provisionalTrackId } from "@/lib/catalog";
import { accountEntrySchema, entryError, extendedEntrySchema, extendedTrack, TIMESTAMP_PROBLEM_TEXT, timestampProblem } from "./entries";
import { ImportError } from "./errors";
import { readJsonArray } from "./json-array";
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from "./limits";
import { mergeStagedPlays } from "./merge";
import { rawSqlTransaction } from "@/lib/db/raw-sql-transaction";
import { openSources, type HistoryFile, type ImportInput } from "./sources";
import { COPY_STAGING, CREATE_STAGING_TABLE, copyLine, type StagedPlay } from "./staging";
import { emptyReasons, SKIP_REASONS, sumOf, type ImportSummary, type SkipReason } from "./summary";

export type { ImportSummary } from "./summary";

/** An entry reported but not stored (a timestamp that cannot be a real play). */
export type ImportWarning = { file: string; index: number; message: string };

export type ImportProgress = {
  stage: "reading" | "storing" | "done";
  filesDone: number;
  filesTotal: number;
  /** Inflated bytes read so far, out of `bytesTotal` (sizes declared by the zip or the files). */
  bytesDone: number;
  bytesTotal: number;
  entries: number;
};

export type ImportOptions = {
  /** users.id of the listener. */
  userId: string;
  inputs: readonly ImportInput[];
  /** Defaults to DATABASE_URL. */
  databaseUrl?: string;
  /** Recorded on the ImportJob: "cli" or "upload". */
  source?: string;
  onProgress?: (progress: ImportProgress) => void;
  limits?: Partial<ImportLimits>;
  /** Plays after this instant are "in the future"; defaults to the current time. */
  now?: Date;
};

export type ImportPreview = { summary: ImportSummary; warnings: ImportWarning[]; warningCount: number };
export type ImportResult = ImportPreview & { jobId: string };

/** Imports the export: stores its new plays and records an ImportJob (a failed one too). */
export async function importSpotifyExport(options: ImportOptions): Promise<ImportResult> {
  const outcome = await runExportImport(options, false);
  return { jobId: outcome.jobId, ...outcome.preview };
}

/**
 * The dry run (`import --dry-run`, the upload page's preview): the whole import in its
 * transaction, rolled back at the end. Same summary; nothing stored: no ImportJob, no plays, no
 * catalogue rows, no enrichment queued.
 */
export async function previewSpotifyExport(options: ImportOptions): Promise<ImportPreview> {
  return (await runExportImport(options, true)).preview;
}

/** Warnings kept on the ImportJob row; the count covers them all. */
const MAX_STORED_WARNINGS = 100;
/** COPY data is sent in pieces of about this many characters. */
const COPY_PIECE = 512 * 1024;

async function runExportImport(options: ImportOptions, dryRun: boolean): Promise<{ jobId: string; preview: ImportPreview }> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("importSpotifyExport: DATABASE_URL is not set");
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const now = (options.now ?? new Date()).getTime();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const jobId = randomUUID();
  const summary: ImportSummary = { files: 0, entries: 0, inserted: 0, duplicates: 0, skipped: 0, reasons: emptyReasons() };
  try {
    const user = await client.query("SELECT 1 FROM users WHERE id = $1", [options.userId]);
    if (!user.rowCount) throw new ImportError(`unknown user ${options.userId}`);
    // A real import's job is recorded before it starts, so that a failure stays listed; a dry run's only inside its transaction.
    if (!dryRun) await insertJob(client, jobId, options);
    try {
      return { jobId, preview: await runImport(client, options, limits, now, jobId, summary, dryRun) };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      if (!dryRun) {
        const message = error instanceof Error ? error.message : String(error);
        await client.query(
          "UPDATE import_jobs SET status = 'failed', error = $2, files = $3, entries = $4, finished_at = now() WHERE id = $1",
          [jobId, message, summary.files, summary.entries],
        );
      }
      throw error;
    }
  } finally {
    await client.end();
  }
}

async function insertJob(client: pg.Client, jobId: string, options: ImportOptions): Promise<void> {
  await client.query("INSERT INTO import_jobs (id, user_id, status, source) VALUES ($1, $2, 'running', $3)", [jobId, options.userId, options.source ?? "cli"]);
}

async function runImport(
  client: pg.Client,
  options: ImportOptions,
  limits: ImportLimits,
  now: number,
  jobId: string,
  summary: ImportSummary,
  dryRun: boolean,
): Promise<ImportPreview> {
  const sources = await openSources(options.inputs, limits);
  try {
    const progress: ImportProgress = {
      stage: "reading",
      filesDone: 0,
      filesTotal: sources.files.length,
      bytesDone: 0,
      bytesTotal: sources.files.reduce((sum, file) => sum + file.size, 0),
      entries: 0,
    };
    options.onProgress?.({ ...progress });

    await client.query("BEGIN");
    // Two imports of one listener at once would each miss the other's plays when de-duplicating.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended('encore.import:' || $1, 0))", [options.userId]);
    // The dry run's plays name their job too (it tells this import's plays from stored ones); it goes with the rollback.
    if (dryRun) await insertJob(client, jobId, options);
    await client.query(CREATE_STAGING_TABLE);

    const stager = new PlayStager(client, now);
    await stager.start();
    try {
      for (const file of sources.files) {
        await stager.stageFile(file, limits, summary, progress, options.onProgress);
        summary.files += 1;
        progress.filesDone += 1;
        options.onProgress?.({ ...progress });
      }
      await stager.finish();
    } catch (error) {
      await stager.abort(error);
      throw error;
    }

    progress.stage = "storing";
    options.onProgress?.({ ...progress });
    const outcome = await mergeStagedPlays(client, options.userId, jobId);
    summary.inserted = outcome.inserted;
    summary.reasons = { skipped: { ...stager.skips }, duplicates: outcome.duplicates };
    summary.duplicates = sumOf(summary.reasons.duplicates);
    summary.skipped = sumOf(summary.reasons.skipped);
    const result = { summary: structuredClone(summary), warnings: stager.warnings, warningCount: stager.warningCount };
    if (dryRun) {
      // Rollups are derived from the plays: a dry run, which keeps none of them, has nothing to refresh.
      await client.query("ROLLBACK");
      progress.stage = "done";
      options.onProgress?.({ ...progress });
      return result;
    }
    if (outcome.from && outcome.to) {
      // Merged recently-played plays lie up to 60 s outside the staged span.
      const from = new Date(outcome.from.getTime() - 60_000);
      const to = new Date(outcome.to.getTime() + 60_001);
      await refreshPlannerStatistics(client, outcome.inserted);
      await refreshRollups(rawSqlTransaction(client), options.userId, from, to);
    }
    await client.query(
      `UPDATE import_jobs SET status = 'succeeded', files = $2, entries = $3, inserted = $4, duplicates = $5, skipped = $6,
         reasons = $7::jsonb, warnings = $8::jsonb, finished_at = now() WHERE id = $1`,
      [
        jobId,
        summary.files,
        summary.entries,
        summary.inserted,
        summary.duplicates,
        summary.skipped,
        JSON.stringify(summary.reasons),
        stager.warningCount > 0 ? JSON.stringify({ count: stager.warningCount, entries: stager.warnings }) : null,
      ],
    );
    await client.query("COMMIT");
    progress.stage = "done";
    options.onProgress?.({ ...progress });
    return result;
  } finally {
    sources.close();
  }
}

/** An import this large next to the committed plays changes what the planner should expect of them. */
const ANALYZE_SHARE = 0.1;
const ANALYZE_MIN_PLAYS = 10_000;

/**
 * The rollup refresh that follows reads the plays, tracks and credits this transaction wrote,
 * which no statistics know yet: autovacuum cannot see uncommitted rows, and after a rolled-back
 * preview of the same export it even records the table as empty (reltuples 0 over thousands of
 * pages). The planner then expects one play where there are a million and picks nested loops:
 * the 1,000,000-entry import's rebuild ran past 25 minutes instead of about 30 s. ANALYZE inside
 * the transaction counts its own rows. SKIP_LOCKED: a concurrent import holding a table's ANALYZE
 * lock (until its commit) is not waited for; its statistics are fresh already.
 */
async function refreshPlannerStatistics(client: pg.Client, inserted: number): Promise<void> {
  const known = await client.query<{ reltuples: number }>("SELECT reltuples FROM pg_class WHERE oid = 'plays'::regclass");
  const committedPlays = Math.max(0, Number(known.rows[0]?.reltuples ?? 0));
  if (inserted < ANALYZE_MIN_PLAYS || inserted < committedPlays * ANALYZE_SHARE) return;
  await client.query("ANALYZE (SKIP_LOCKED) plays, tracks, track_artists");
}

/** Validates entries and streams them into the staging table through one COPY. */
class PlayStager {
  readonly skips = Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>;
  warnings: ImportWarning[] = [];
  warningCount = 0;
  private seq = 0;
  private pending = "";
  private copy: ReturnType<typeof copyFrom> | null = null;
  private readonly knownTracks = new Set<string>();

  constructor(
    private readonly client: pg.Client,
    private readonly now: number,
  ) {}

  async start(): Promise<void> {
    this.copy = this.client.query(copyFrom(COPY_STAGING));
    // Failures surface through write/drain/finish; a listener keeps a late one from crashing the process.
    this.copy.on("error", () => undefined);
  }

  async stageFile(
    file: HistoryFile,
    limits: ImportLimits,
    summary: ImportSummary,
    progress: ImportProgress,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<void> {
    const stream = await file.open();
    try {
      await readJsonArray(file.name, stream, {
        maxBytes: limits.maxFileBytes,
        maxEntryBytes: limits.maxEntryBytes,
        maxDepth: limits.maxDepth,
        onBytes: (bytes) => {
          progress.bytesDone += bytes;
        },
        onValues: async (values, firstIndex) => {
          for (let k = 0; k < values.length; k += 1) {
            summary.entries += 1;
            const play = file.kind === "extended" ? this.extended(file.name, firstIndex + k, values[k]) : this.account(file.name, firstIndex + k, values[k]);
            if (play) this.pending += copyLine(this.seq++, play);
          }
          progress.entries = summary.entries;
          onProgress?.({ ...progress });
          if (this.pending.length >= COPY_PIECE) await this.flush();
        },
      });
    } catch (error) {
      if (error instanceof ImportError) throw error;
      // Inflate and read errors (a truncated or corrupt zip entry) surface here.
      const detail = error instanceof Error ? error.message : String(error);
      throw new ImportError(`${file.name}: cannot be read (${detail})`);
    } finally {
      stream.destroy();
    }
  }

  async finish(): Promise<void> {
    await this.flush();
    const copy = this.copy!;
    copy.end();
    await once(copy, "finish");
  }

  /** Ends the COPY with CopyFail and waits until the server has answered, so ROLLBACK follows it. */
  async abort(error: unknown): Promise<void> {
    const copy = this.copy;
    if (!copy || copy.destroyed) return;
    const closed = once(copy, "close").catch(() => undefined);
    copy.destroy(error instanceof Error ? error : new Error(String(error)));
    await closed;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const copy = this.copy!;
    const piece = this.pending;
    this.pending = "";
    if (!copy.write(piece)) await once(copy, "drain");
  }

  /** A play whose time cannot be real: skipped, and reported with its file and index. */
  private refuseTime(file: string, index: number, field: string, problem: "before2008" | "future"): void {
    this.skips[problem] += 1;
    this.warningCount += 1;
    if (this.warnings.length < MAX_STORED_WARNINGS) this.warnings.push({ file, index, message: `${field}: ${TIMESTAMP_PROBLEM_TEXT[problem]}; not stored` });
  }

  private extended(fileName: string, index: number, value: unknown): StagedPlay | null {
    const parsed = extendedEntrySchema.safeParse(value);
    if (!parsed.success) throw entryError(fileName, index, parsed.error);
    const entry = parsed.data;
    const track = extendedTrack(entry);
    if ("skip" in track) {
      // Podcast episodes, audiobooks, local files (no Spotify id), rows naming nothing: counted, not stored.
      this.skips[track.skip] += 1;
      return null;
    }
    const playedAt = Date.parse(entry.ts);
    if (Number.isNaN(playedAt)) throw new ImportError(`${fileName}[${index}]: ts: expected an ISO 8601 UTC timestamp`);
    const problem = timestampProblem(playedAt, this.now);
    if (problem) {
      this.refuseTime(fileName, index, `ts ${entry.ts}`, problem);
      return null;
    }
    const { trackId } = track;
    const play: StagedPlay = {
      source: "export_extended",
      trackId,
      playedAt: entry.ts,
      msPlayed: entry.ms_played,
      reasonStart: entry.reason_start,
      reasonEnd: entry.reason_end,
      shuffle: entry.shuffle,
      skipped: entry.skipped,
      offline: entry.offline,
      platform: entry.platform,
      country: entry.conn_country,
    };
    if (!this.knownTracks.has(trackId)) {
      this.knownTracks.add(trackId);
      const albumName = entry.master_metadata_album_album_name ?? null;
      const artistName = entry.master_metadata_album_artist_name ?? null;
      play.catalog = {
        trackName: entry.master_metadata_track_name ?? null,
        albumId: albumName !== null && artistName !== null ? provisionalAlbumId(albumName, artistName) : null,
        albumName,
        albumArtist: artistName,
        artistId: artistName !== null ? provisionalArtistId(artistName) : null,
        artistName,
      };
    }
    return play;
  }

  private account(fileName: string, index: number, value: unknown): StagedPlay | null {
    const parsed = accountEntrySchema.safeParse(value);
    if (!parsed.success) throw entryError(fileName, index, parsed.error);
    const entry = parsed.data;
    if (entry.artistName.trim() === "" && entry.trackName.trim() === "") {
      this.skips.noTrack += 1;
      return null;
    }
    const iso = `${entry.endTime.replace(" ", "T")}:00Z`;
    const playedAt = Date.parse(iso);
    if (Number.isNaN(playedAt)) throw new ImportError(`${fileName}[${index}]: endTime: expected a time as YYYY-MM-DD HH:mm`);
    const problem = timestampProblem(playedAt, this.now);
    if (problem) {
      this.refuseTime(fileName, index, `endTime ${entry.endTime}`, problem);
      return null;
    }
    const trackId = provisionalTrackId(entry.artistName, entry.trackName);
    const play: StagedPlay = {
      source: "export_account",
      trackId,
      playedAt: iso,
      msPlayed: entry.msPlayed,
      matchArtist: entry.artistName,
      matchTitle: entry.trackName,
    };
    if (!this.knownTracks.has(trackId)) {
      this.knownTracks.add(trackId);
      play.catalog = {
        trackName: entry.trackName,
        albumId: null,
        albumName: null,
        albumArtist: null,
        artistId: provisionalArtistId(entry.artistName),
        artistName: entry.artistName,
      };
    }
    return play;
  }
}
