/**
 * The two entry shapes of a Spotify export, validated with zod (only the fields the import reads;
 * every other field may be present or not), and what becomes of each entry: a play to stage, or a
 * skip with its reason (SPEC section 4 `reasons.skipped`).
 */
import { z } from "zod";
import { ImportError } from "./errors";
import type { SkipReason } from "./summary";

const text = z.string().nullish();
const flag = z.boolean().nullish();
const msPlayed = z.number().int().min(0).max(24 * 60 * 60 * 1000);

export const SPOTIFY_TRACK_URI_PREFIX = "spotify:track:";
const SPOTIFY_LOCAL_URI_PREFIX = "spotify:local:";

/**
 * `Streaming_History_Audio_*.json` and the older `endsong_*.json`. `offline_timestamp` is not
 * read: `ts` dates the play (offline_timestamp is 0 for most online plays, in milliseconds in
 * older files and seconds in newer ones, and can be later than `ts`).
 */
export const extendedEntrySchema = z.object({
  ts: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/, "expected an ISO 8601 UTC timestamp"),
  ms_played: msPlayed,
  // `spotify:local:…`: a file from the listener's own device (no Spotify id); "" as absent.
  spotify_track_uri: z
    .string()
    .regex(/^(spotify:(track:[0-9A-Za-z]{1,64}|local:.*))?$/, "expected a spotify:track: or spotify:local: URI")
    .nullish(),
  // Read only to say why an entry without a track was passed over.
  spotify_episode_uri: text,
  audiobook_uri: text,
  audiobook_chapter_uri: text,
  master_metadata_track_name: text,
  master_metadata_album_artist_name: text,
  master_metadata_album_album_name: text,
  reason_start: text,
  reason_end: text,
  shuffle: flag,
  skipped: flag,
  offline: flag,
  platform: text,
  conn_country: text,
});

/** `StreamingHistory_music_*.json` and the older `StreamingHistory*.json`. */
export const accountEntrySchema = z.object({
  endTime: z.string().regex(/^\d{4}-\d\d-\d\d \d\d:\d\d$/, "expected a time as YYYY-MM-DD HH:mm"),
  artistName: z.string(),
  trackName: z.string(),
  msPlayed,
});

export type ExtendedEntry = z.infer<typeof extendedEntrySchema>;
export type AccountEntry = z.infer<typeof accountEntrySchema>;

function present(value: string | null | undefined): value is string {
  return typeof value === "string" && value !== "";
}

/**
 * The Spotify track id an extended-history entry names, or why it names none: podcast episodes,
 * audiobook chapters, local files, and rows whose names and URIs are all empty.
 */
export function extendedTrack(entry: ExtendedEntry): { trackId: string } | { skip: SkipReason } {
  const uri = entry.spotify_track_uri;
  if (present(uri) && uri.startsWith(SPOTIFY_TRACK_URI_PREFIX)) return { trackId: uri.slice(SPOTIFY_TRACK_URI_PREFIX.length) };
  if (present(entry.spotify_episode_uri)) return { skip: "episode" };
  if (present(entry.audiobook_uri) || present(entry.audiobook_chapter_uri)) return { skip: "audiobook" };
  if (present(uri) && uri.startsWith(SPOTIFY_LOCAL_URI_PREFIX)) return { skip: "localFile" };
  return { skip: "noTrack" };
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      // zod leaves `input` out of issues; its default message says what was received.
      return / received undefined$/.test(issue.message) && issue.path.length > 0 ? `missing (expected ${article(issue.expected)})` : `expected ${article(issue.expected)}`;
    case "too_small":
      return `expected at least ${String(issue.minimum)}`;
    case "too_big":
      return `expected at most ${String(issue.maximum)}`;
    case "invalid_format":
      return issue.message;
    default:
      return issue.message;
  }
}

/** `Streaming_History_Audio_2024.json[123]: ms_played: expected a number` */
export function entryError(fileName: string, index: number, error: z.ZodError): ImportError {
  const issue = error.issues[0];
  const field = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return new ImportError(`${fileName}[${index}]: ${field}${describeIssue(issue)}`);
}

export const EARLIEST_PLAY = Date.parse("2008-01-01T00:00:00Z");

/** The only times refused to a play: before Spotify existed (2008) or later than `now`; null when it can be stored. */
export function timestampProblem(playedAt: number, now: number): "before2008" | "future" | null {
  if (playedAt < EARLIEST_PLAY) return "before2008";
  if (playedAt > now) return "future";
  return null;
}

export const TIMESTAMP_PROBLEM_TEXT: Record<"before2008" | "future", string> = { before2008: "before 2008", future: "in the future" };
