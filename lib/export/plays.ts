/**
 * Export of all of one user's plays (SPEC §6) as CSV or JSON, streamed: pages of plays are read
 * by keyset pagination on (played_at, id) only when the consumer pulls, so a million plays never
 * sit in memory at once.
 */
import type { Db } from "@/lib/db/client";

export type ExportFormat = "csv" | "json";

export type ExportedPlay = {
  playedAt: string;
  msPlayed: number | null;
  source: string;
  trackId: string;
  trackName: string;
  artists: string[];
  albumId: string | null;
  albumName: string | null;
};

export const EXPORT_COLUMNS = ["playedAt", "msPlayed", "source", "trackId", "trackName", "artists", "albumId", "albumName"] as const;

export const DEFAULT_PAGE_SIZE = 5_000;

type PlayRow = {
  id: bigint;
  played_at: Date;
  ms_played: number | null;
  source: string;
  track_id: string;
  track_name: string;
  artists: string[] | null;
  album_id: string | null;
  album_name: string | null;
};

type Cursor = { playedAt: Date; id: bigint };

async function readPage(db: Db, userId: string, after: Cursor | null, pageSize: number): Promise<PlayRow[]> {
  const rows = after
    ? await db.$queryRaw<PlayRow[]>`
        SELECT p.id, p.played_at, p.ms_played, p.source::text AS source, p.track_id, t.name AS track_name,
               (SELECT array_agg(a.name ORDER BY ta.position) FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists,
               t.album_id, al.name AS album_name
        FROM plays p JOIN tracks t ON t.id = p.track_id LEFT JOIN albums al ON al.id = t.album_id
        WHERE p.user_id = ${userId} AND (p.played_at, p.id) > (${after.playedAt}::timestamptz, ${after.id}::bigint)
        ORDER BY p.played_at, p.id
        LIMIT ${pageSize}`
    : await db.$queryRaw<PlayRow[]>`
        SELECT p.id, p.played_at, p.ms_played, p.source::text AS source, p.track_id, t.name AS track_name,
               (SELECT array_agg(a.name ORDER BY ta.position) FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = t.id) AS artists,
               t.album_id, al.name AS album_name
        FROM plays p JOIN tracks t ON t.id = p.track_id LEFT JOIN albums al ON al.id = t.album_id
        WHERE p.user_id = ${userId}
        ORDER BY p.played_at, p.id
        LIMIT ${pageSize}`;
  return rows;
}

/** The user's plays in time order, one page at a time. */
export async function* exportedPlays(db: Db, userId: string, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<ExportedPlay[]> {
  let after: Cursor | null = null;
  for (;;) {
    const rows = await readPage(db, userId, after, pageSize);
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      playedAt: row.played_at.toISOString(),
      msPlayed: row.ms_played,
      source: row.source,
      trackId: row.track_id,
      trackName: row.track_name,
      artists: row.artists ?? [],
      albumId: row.album_id,
      albumName: row.album_name,
    }));
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { playedAt: last.played_at, id: last.id };
  }
}

/** RFC 4180: a field with a comma, quote, or line break is quoted, quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Several artists share one CSV cell, separated by "; " (the JSON export keeps them as an array). */
export const CSV_ARTIST_SEPARATOR = "; ";

export function csvRow(play: ExportedPlay): string {
  return [play.playedAt, play.msPlayed, play.source, play.trackId, play.trackName, play.artists.join(CSV_ARTIST_SEPARATOR), play.albumId, play.albumName]
    .map(csvField)
    .join(",");
}

export const CSV_HEADER = EXPORT_COLUMNS.join(",");

/** The export as a byte stream; each pull reads one page from the database. */
export function exportStream(db: Db, userId: string, format: ExportFormat, pageSize = DEFAULT_PAGE_SIZE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = exportedPlays(db, userId, pageSize);
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(format === "csv" ? `${CSV_HEADER}\r\n` : "["));
    },
    async pull(controller) {
      const next = await pages.next();
      if (next.done) {
        if (format === "json") controller.enqueue(encoder.encode("]\n"));
        controller.close();
        return;
      }
      let chunk: string;
      if (format === "csv") {
        chunk = next.value.map((play) => `${csvRow(play)}\r\n`).join("");
      } else {
        chunk = `${first ? "\n" : ",\n"}${next.value.map((play) => JSON.stringify(play)).join(",\n")}`;
        first = false;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
