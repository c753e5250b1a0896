/**
 * The set-based half of an import, run inside its transaction once every play is staged:
 * catalogue rows for tracks not known yet, entries of the import that are one play, the
 * de-duplication against the user's stored plays (SPEC section 4), the merge of export fields
 * into recently-played plays, and the insert. Every staged play ends up inserted or counted
 * under one of the duplicate reasons.
 */
import type pg from "pg";
import type { DuplicateReason } from "./summary";

/** Why staged plays were not stored as new plays (SPEC 4 `reasons.duplicates`). */
export type DuplicateReasons = Record<DuplicateReason, number>;

export type MergeOutcome = { inserted: number; duplicates: DuplicateReasons; from: Date | null; to: Date | null };

/** Provisional catalogue rows for tracks the database does not know; known tracks keep theirs. */
async function storeNewCatalog(client: pg.Client): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE import_new_tracks ON COMMIT DROP AS
    SELECT s.track_id, s.cat_track_name, s.cat_album_id, s.cat_album_name, s.cat_album_artist, s.cat_artist_id, s.cat_artist_name
    FROM import_staging s
    WHERE s.first_of_track AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.id = s.track_id)`);
  await client.query(`
    INSERT INTO artists (id, name)
    SELECT DISTINCT ON (cat_artist_id) cat_artist_id, cat_artist_name FROM import_new_tracks
    WHERE cat_artist_id IS NOT NULL ORDER BY cat_artist_id
    ON CONFLICT (id) DO NOTHING`);
  await client.query(`
    INSERT INTO albums (id, name, artist_name)
    SELECT DISTINCT ON (cat_album_id) cat_album_id, cat_album_name, cat_album_artist FROM import_new_tracks
    WHERE cat_album_id IS NOT NULL ORDER BY cat_album_id
    ON CONFLICT (id) DO NOTHING`);
  // A track the export names without a title (it happens for tracks pulled from Spotify) is
  // stored under its id until enrichment gives it its name.
  await client.query(`
    INSERT INTO tracks (id, name, album_id)
    SELECT track_id, COALESCE(cat_track_name, track_id), cat_album_id FROM import_new_tracks`);
  await client.query(`
    INSERT INTO track_artists (track_id, position, artist_id)
    SELECT track_id, 0, cat_artist_id FROM import_new_tracks WHERE cat_artist_id IS NOT NULL`);
  // Spotify can tell the rest (duration, album track count, credits, genres) for real ids only.
  await client.query(`
    INSERT INTO enrichment_tasks (kind, spotify_id)
    SELECT 'track', track_id FROM import_new_tracks WHERE track_id NOT LIKE 'local:%'
    ON CONFLICT DO NOTHING`);
}

/**
 * Entries of the import with the same track and instant are one play (account data: the same
 * artist and title, which make its track id, in the same minute): the greatest ms_played is
 * kept, the first in file order on a tie, whichever files they came from. Returns how many
 * entries were dropped. Runs after the catalogue is stored, which reads the first entry of each track.
 */
async function keepGreatestOfEachInstant(client: pg.Client): Promise<number> {
  const result = await client.query(`
    DELETE FROM import_staging s
    USING (
      SELECT seq FROM (
        SELECT seq, row_number() OVER (PARTITION BY track_id, played_at ORDER BY ms_played DESC, seq) AS rank FROM import_staging
      ) ranked WHERE rank > 1
    ) repeated
    WHERE s.seq = repeated.seq`);
  return result.rowCount ?? 0;
}

type ExportSource = "export_extended" | "export_account";

/**
 * For each staged play of `source`, the stored play it duplicates: same track within 10 s
 * (extended history) or same title and credited artist, case-insensitive, within 60 s (account
 * data); the nearest in time, the earlier on a tie.
 */
async function findDuplicates(client: pg.Client, userId: string, source: ExportSource): Promise<void> {
  await client.query("DROP TABLE IF EXISTS import_matches");
  const match =
    source === "export_extended"
      ? `SELECT p.id AS play_id, abs(extract(epoch FROM p.played_at - s.played_at)) AS distance
         FROM plays p
         WHERE p.user_id = $1 AND p.track_id = s.track_id
           AND p.played_at BETWEEN s.played_at - interval '10 seconds' AND s.played_at + interval '10 seconds'`
      : `SELECT p.id AS play_id, abs(extract(epoch FROM p.played_at - s.played_at)) AS distance
         FROM plays p
         JOIN tracks t ON t.id = p.track_id
         WHERE p.user_id = $1
           AND p.played_at BETWEEN s.played_at - interval '60 seconds' AND s.played_at + interval '60 seconds'
           AND lower(t.name) = lower(s.match_title)
           AND EXISTS (SELECT 1 FROM track_artists ta JOIN artists a ON a.id = ta.artist_id
                       WHERE ta.track_id = p.track_id AND lower(a.name) = lower(s.match_artist))`;
  await client.query(
    `CREATE TEMP TABLE import_matches ON COMMIT DROP AS
     SELECT s.seq, m.play_id, m.distance
     FROM import_staging s
     CROSS JOIN LATERAL (${match} ORDER BY distance, p.played_at LIMIT 1) m
     WHERE s.source = $2`,
    [userId, source],
  );
}

/**
 * Why the matched plays are duplicates, before this source's merge changes them: a play this
 * import stored or merged into is the same listening given twice in the export; a
 * recently-played play without export fields yet gains them (merged); any other is already stored.
 */
async function countMatchReasons(client: pg.Client, jobId: string): Promise<{ sameImport: number; merged: number }> {
  const result = await client.query<{ same_import: string; merged: string }>(
    `SELECT
       count(*) FILTER (WHERE p.import_job_id = $1 OR EXISTS (SELECT 1 FROM import_merged_plays x WHERE x.play_id = p.id)) AS same_import,
       count(*) FILTER (WHERE p.import_job_id IS DISTINCT FROM $1 AND NOT EXISTS (SELECT 1 FROM import_merged_plays x WHERE x.play_id = p.id)
                          AND p.source = 'recently_played' AND p.ms_played IS NULL) AS merged
     FROM import_matches m JOIN plays p ON p.id = m.play_id`,
    [jobId],
  );
  return { sameImport: Number(result.rows[0].same_import), merged: Number(result.rows[0].merged) };
}

/**
 * Plays from recently-played keep their played_at and gain what the export knows; one merged
 * from the extended history of this import keeps what it gained (account data knows less).
 */
async function mergeIntoRecentlyPlayed(client: pg.Client): Promise<void> {
  await client.query(`
    WITH merged AS (
      UPDATE plays p SET
        ms_played = COALESCE(s.ms_played, p.ms_played),
        reason_start = COALESCE(s.reason_start, p.reason_start),
        reason_end = COALESCE(s.reason_end, p.reason_end),
        shuffle = COALESCE(s.shuffle, p.shuffle),
        skipped = COALESCE(s.skipped, p.skipped),
        offline = COALESCE(s.offline, p.offline),
        platform = COALESCE(s.platform, p.platform),
        country = COALESCE(s.country, p.country)
      FROM (
        SELECT DISTINCT ON (m.play_id) m.play_id, s.*
        FROM import_matches m JOIN import_staging s ON s.seq = m.seq
        ORDER BY m.play_id, m.distance, s.played_at, s.seq
      ) s
      WHERE p.id = s.play_id AND p.source = 'recently_played'
        AND NOT EXISTS (SELECT 1 FROM import_merged_plays x WHERE x.play_id = p.id)
      RETURNING p.id
    )
    INSERT INTO import_merged_plays (play_id) SELECT id FROM merged`);
}

/**
 * Extended-history plays that match no play of their track take the place of a stored
 * account-data play of the same title and credited artist (case-insensitive) within 60 s: the
 * same listening, imported earlier from the account data, which names no track and gives only
 * the minute. The play keeps its row and gains the track, instant and fields of the extended
 * history, so importing the extended history after the account data counts nothing twice.
 * Each stored play is taken once, by the nearest entry. Returns how many were replaced.
 */
async function replaceAccountPlays(client: pg.Client, userId: string, jobId: string): Promise<number> {
  await client.query(
    `INSERT INTO import_replacements (seq, play_id)
     SELECT DISTINCT ON (c.play_id) c.seq, c.play_id
     FROM (
       SELECT s.seq, m.play_id, m.distance
       FROM import_staging s
       JOIN tracks st ON st.id = s.track_id
       CROSS JOIN LATERAL (
         SELECT p.id AS play_id, abs(extract(epoch FROM p.played_at - s.played_at)) AS distance
         FROM plays p
         JOIN tracks t ON t.id = p.track_id
         WHERE p.user_id = $1 AND p.source = 'export_account'
           AND p.played_at BETWEEN s.played_at - interval '60 seconds' AND s.played_at + interval '60 seconds'
           AND lower(t.name) = lower(st.name)
           AND EXISTS (SELECT 1 FROM track_artists ta JOIN artists a ON a.id = ta.artist_id, track_artists sa JOIN artists b ON b.id = sa.artist_id
                       WHERE ta.track_id = p.track_id AND sa.track_id = s.track_id AND lower(a.name) = lower(b.name))
         ORDER BY distance, p.played_at LIMIT 1
       ) m
       WHERE s.source = 'export_extended' AND NOT EXISTS (SELECT 1 FROM import_matches x WHERE x.seq = s.seq)
     ) c
     ORDER BY c.play_id, c.distance, c.seq`,
    [userId],
  );
  const result = await client.query(
    `UPDATE plays p SET
       track_id = s.track_id, played_at = s.played_at, ms_played = s.ms_played, source = s.source,
       reason_start = s.reason_start, reason_end = s.reason_end, shuffle = s.shuffle, skipped = s.skipped,
       offline = s.offline, platform = s.platform, country = s.country, import_job_id = $1
     FROM import_replacements r JOIN import_staging s ON s.seq = r.seq
     WHERE p.id = r.play_id`,
    [jobId],
  );
  return result.rowCount ?? 0;
}

/**
 * Extended history first, then account data: the same listening given in both formats in one
 * import is stored once, from the format that names the track.
 */
export async function mergeStagedPlays(client: pg.Client, userId: string, jobId: string): Promise<MergeOutcome> {
  const span = await client.query<{ from: Date | null; to: Date | null; staged: string }>(
    "SELECT min(played_at) AS from, max(played_at) AS to, count(*) AS staged FROM import_staging",
  );
  const { from, to } = span.rows[0];
  const staged = Number(span.rows[0].staged);
  const duplicates: DuplicateReasons = { sameImport: 0, stored: 0, mergedIntoRecentlyPlayed: 0 };
  if (staged === 0) return { inserted: 0, duplicates, from: null, to: null };

  await storeNewCatalog(client);
  duplicates.sameImport = await keepGreatestOfEachInstant(client);
  await client.query("CREATE TEMP TABLE import_merged_plays (play_id bigint PRIMARY KEY) ON COMMIT DROP");
  await client.query("CREATE TEMP TABLE import_replacements (seq bigint PRIMARY KEY, play_id bigint NOT NULL) ON COMMIT DROP");
  let inserted = 0;
  for (const source of ["export_extended", "export_account"] as const) {
    const outcome = await insertSource(client, userId, jobId, source);
    inserted += outcome.inserted;
    duplicates.sameImport += outcome.sameImport;
    duplicates.mergedIntoRecentlyPlayed += outcome.merged;
  }
  // The rest matched a play stored before this import, or replaced an account-data one (or, in a
  // race with ingestion, met one on the unique key).
  duplicates.stored = staged - inserted - duplicates.sameImport - duplicates.mergedIntoRecentlyPlayed;
  return { inserted, duplicates, from, to };
}

type SourceOutcome = { inserted: number; sameImport: number; merged: number };

async function insertSource(client: pg.Client, userId: string, jobId: string, source: ExportSource): Promise<SourceOutcome> {
  const span = await client.query<{ from: Date | null; to: Date | null }>(
    "SELECT min(played_at) AS from, max(played_at) AS to FROM import_staging WHERE source = $1",
    [source],
  );
  const { from, to } = span.rows[0];
  if (!from || !to) return { inserted: 0, sameImport: 0, merged: 0 };
  // Only when the user has plays near the staged span is there anything to compare with.
  const overlap = await client.query(
    `SELECT 1 FROM plays WHERE user_id = $1 AND played_at BETWEEN $2::timestamptz - interval '60 seconds' AND $3::timestamptz + interval '60 seconds' LIMIT 1`,
    [userId, from, to],
  );
  const columns = `user_id, track_id, played_at, ms_played, source, reason_start, reason_end, shuffle, skipped, offline, platform, country, import_job_id`;
  const values = `$1, s.track_id, s.played_at, s.ms_played, s.source, s.reason_start, s.reason_end, s.shuffle, s.skipped, s.offline, s.platform, s.country, $2`;
  if (overlap.rowCount) {
    await findDuplicates(client, userId, source);
    const reasons = await countMatchReasons(client, jobId);
    await mergeIntoRecentlyPlayed(client);
    if (source === "export_extended") await replaceAccountPlays(client, userId, jobId);
    const result = await client.query(
      `INSERT INTO plays (${columns})
       SELECT ${values} FROM import_staging s
       WHERE s.source = $3 AND NOT EXISTS (SELECT 1 FROM import_matches m WHERE m.seq = s.seq)
         AND NOT EXISTS (SELECT 1 FROM import_replacements r WHERE r.seq = s.seq)
       ON CONFLICT (user_id, track_id, played_at) DO NOTHING`,
      [userId, jobId, source],
    );
    return { inserted: result.rowCount ?? 0, ...reasons };
  }
  const result = await client.query(
    `INSERT INTO plays (${columns}) SELECT ${values} FROM import_staging s WHERE s.source = $3
     ON CONFLICT (user_id, track_id, played_at) DO NOTHING`,
    [userId, jobId, source],
  );
  return { inserted: result.rowCount ?? 0, sameImport: 0, merged: 0 };
}
