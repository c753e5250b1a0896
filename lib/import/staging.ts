/**
 * The import's staging table: every play of the export is streamed into it with COPY (text
 * format), so memory holds one batch at a time whatever the size of the export. It is a
 * temporary table of the import's transaction, dropped at commit or rollback.
 */

export const CREATE_STAGING_TABLE = `
  CREATE TEMP TABLE import_staging (
    seq bigint NOT NULL,
    source play_source NOT NULL,
    track_id text NOT NULL,
    played_at timestamptz(3) NOT NULL,
    ms_played integer,
    reason_start text,
    reason_end text,
    shuffle boolean,
    skipped boolean,
    offline boolean,
    platform text,
    country text,
    -- account data: the names the 60-second rule compares
    match_artist text,
    match_title text,
    -- catalogue fields, on the first entry of each track only
    first_of_track boolean NOT NULL,
    cat_track_name text,
    cat_album_id text,
    cat_album_name text,
    cat_album_artist text,
    cat_artist_id text,
    cat_artist_name text
  ) ON COMMIT DROP`;

export const COPY_STAGING = `COPY import_staging (seq, source, track_id, played_at, ms_played, reason_start, reason_end, shuffle,
  skipped, offline, platform, country, match_artist, match_title, first_of_track, cat_track_name, cat_album_id,
  cat_album_name, cat_album_artist, cat_artist_id, cat_artist_name) FROM STDIN`;

export type StagedPlay = {
  source: "export_extended" | "export_account";
  trackId: string;
  /** ISO 8601 instant, passed to PostgreSQL as written. */
  playedAt: string;
  msPlayed: number;
  reasonStart?: string | null;
  reasonEnd?: string | null;
  shuffle?: boolean | null;
  skipped?: boolean | null;
  offline?: boolean | null;
  platform?: string | null;
  country?: string | null;
  matchArtist?: string | null;
  matchTitle?: string | null;
  catalog?: {
    trackName: string | null;
    albumId: string | null;
    albumName: string | null;
    albumArtist: string | null;
    artistId: string | null;
    artistName: string | null;
  };
};

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\u0000": "" };

function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  // PostgreSQL text cannot hold NUL; the other characters are COPY's delimiters and escape.
  return /[\\\t\n\r\u0000]/.test(value) ? value.replace(/[\\\t\n\r\u0000]/g, (c) => ESCAPES[c]) : value;
}

function copyBool(value: boolean | null | undefined): string {
  return value === null || value === undefined ? "\\N" : value ? "t" : "f";
}

export function copyLine(seq: number, play: StagedPlay): string {
  const c = play.catalog;
  return `${seq}\t${play.source}\t${copyText(play.trackId)}\t${play.playedAt}\t${play.msPlayed}\t${copyText(play.reasonStart)}\t${copyText(
    play.reasonEnd,
  )}\t${copyBool(play.shuffle)}\t${copyBool(play.skipped)}\t${copyBool(play.offline)}\t${copyText(play.platform)}\t${copyText(
    play.country,
  )}\t${copyText(play.matchArtist)}\t${copyText(play.matchTitle)}\t${c ? "t" : "f"}\t${copyText(c?.trackName)}\t${copyText(
    c?.albumId,
  )}\t${copyText(c?.albumName)}\t${copyText(c?.albumArtist)}\t${copyText(c?.artistId)}\t${copyText(c?.artistName)}\n`;
}

