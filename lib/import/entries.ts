/**
 * The two entry shapes of a Spotify export, validated with zod, and what becomes of each entry:
 * a play to stage, a skip (podcasts, audiobooks, local files), or a warning (timestamps that cannot be a
 * real play: offline_timestamp 0, before 2008, in the future). Unknown fields are ignored.
 */
import { z } from "zod";
import { ImportError } from "./errors";

const text = z.string().nullish();
const flag = z.boolean().nullish();
const msPlayed = z.number().int().min(0).max(24 * 60 * 60 * 1000);

export const SPOTIFY_TRACK_URI_PREFIX = "spotify:track:";

/** `Streaming_History_Audio_*.json` and the older `endsong_*.json`. */
export const extendedEntrySchema = z.object({
  ts: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/, "expected an ISO 8601 UTC timestamp"),
  ms_played: msPlayed,
  // `spotify:local:…`: a file from the listener's own device (no Spotify id).
  spotify_track_uri: z
    .string()
    .regex(/^spotify:(track:[0-9A-Za-z]{1,64}|local:.*)$/, "expected a spotify:track: or spotify:local: URI")
    .nullish(),
  master_metadata_track_name: text,
  master_metadata_album_artist_name: text,
  master_metadata_album_album_name: text,
  reason_start: text,
  reason_end: text,
  shuffle: flag,
  skipped: flag,
  offline: flag,
  offline_timestamp: z.number().nullish(),
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

/** Why an entry's time cannot be stored, or null when it can. */
export function timestampProblem(playedAt: number, now: number, offlineTimestamp?: number | null): string | null {
  if (offlineTimestamp === 0) return "offline_timestamp is 0 (unknown play time)";
  if (playedAt < EARLIEST_PLAY) return "before 2008";
  if (playedAt > now) return "in the future";
  return null;
}
