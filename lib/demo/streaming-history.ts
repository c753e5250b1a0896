/**
 * A listener's simulated plays written as Spotify's extended streaming history, the file the
 * "Extended streaming history" data export holds: same field names, order and value shapes,
 * so the demo's history reaches the database through the product's own importer.
 */
import type { Catalogue, SimListener, SimPlay } from "@/lib/simulator";
import { SeededRandom } from "@/lib/simulator/random";

/** One entry of `Streaming_History_Audio_*.json`, fields in the order Spotify writes them. */
export type StreamingHistoryEntry = {
  /** UTC end of playback, to the second: `2024-01-01T10:00:00Z`. */
  ts: string;
  platform: string;
  ms_played: number;
  conn_country: string;
  ip_addr: string;
  master_metadata_track_name: string | null;
  master_metadata_album_artist_name: string | null;
  master_metadata_album_album_name: string | null;
  spotify_track_uri: string | null;
  episode_name: string | null;
  episode_show_name: string | null;
  spotify_episode_uri: string | null;
  audiobook_title: string | null;
  audiobook_uri: string | null;
  audiobook_chapter_uri: string | null;
  audiobook_chapter_title: string | null;
  reason_start: string;
  reason_end: string;
  shuffle: boolean;
  skipped: boolean;
  offline: boolean;
  offline_timestamp: number | null;
  incognito_mode: boolean;
};

/** Plays closer than this to the previous one's end continue its session (auto-advance). */
const CONTINUOUS_GAP_MS = 10_000;
const SKIP_BELOW_MS = 30_000;

/** The listener's devices: the phone on the way to work, a laptop in the evening. */
function platformFor(localHour: number, random: SeededRandom): string {
  if (localHour >= 6 && localHour < 10) return random.chance(0.85) ? "android" : "web_player";
  return random.pick(["osx", "osx", "osx", "android", "web_player"]);
}

function localHour(instantMs: number, timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(instantMs));
}

/** `2024-01-01T10:00:00Z`: Spotify's exports carry whole seconds. */
export function exportTimestamp(instant: Date): string {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

type SessionContext = { platform: string; shuffle: boolean; offline: boolean; ipAddr: string };

/**
 * The export entries for `plays` (oldest first, as `generateListenerPlays` returns them):
 * track metadata from the catalogue, and per session a device, shuffle and offline state,
 * with start/end reasons that follow from skips and auto-advance.
 */
export function streamingHistoryEntries(catalogue: Catalogue, listener: SimListener, plays: readonly SimPlay[], country = "DE"): StreamingHistoryEntry[] {
  const random = new SeededRandom(`${catalogue.seed}:${listener.id}:export`);
  const entries: StreamingHistoryEntry[] = [];
  let session: SessionContext | null = null;
  let previous: { endMs: number; reasonEnd: string } | null = null;

  for (const play of plays) {
    const track = catalogue.trackById.get(play.trackId);
    if (!track) throw new Error(`play of unknown track ${play.trackId}`);
    const album = catalogue.albumById.get(track.albumId);
    const albumArtist = album ? catalogue.artistById.get(album.artistIds[0]) : undefined;
    const endMs = play.playedAt.getTime();
    const startMs = endMs - play.msPlayed;
    const continues = previous !== null && startMs - previous.endMs < CONTINUOUS_GAP_MS;
    if (!continues || !session) {
      const offline = random.chance(0.03);
      session = {
        platform: platformFor(localHour(startMs, listener.timeZone), random),
        // Albums are played in order; everything else mostly on shuffle.
        shuffle: play.contextAlbumId ? false : random.chance(0.6),
        offline,
        ipAddr: offline ? "0.0.0.0" : `203.0.113.${random.int(2, 254)}`,
      };
    }
    const skipped = play.msPlayed < SKIP_BELOW_MS;
    const reachedEnd = play.msPlayed >= track.durationMs;
    const reasonStart = !continues || !previous ? "clickrow" : previous.reasonEnd === "fwdbtn" ? "fwdbtn" : "trackdone";
    const reasonEnd = skipped ? "fwdbtn" : reachedEnd ? "trackdone" : random.pick(["endplay", "logout", "fwdbtn"]);
    entries.push({
      ts: exportTimestamp(play.playedAt),
      platform: session.platform,
      ms_played: play.msPlayed,
      conn_country: country,
      ip_addr: session.ipAddr,
      master_metadata_track_name: track.name,
      master_metadata_album_artist_name: albumArtist?.name ?? null,
      master_metadata_album_album_name: album?.name ?? null,
      spotify_track_uri: `spotify:track:${track.id}`,
      episode_name: null,
      episode_show_name: null,
      spotify_episode_uri: null,
      audiobook_title: null,
      audiobook_uri: null,
      audiobook_chapter_uri: null,
      audiobook_chapter_title: null,
      reason_start: reasonStart,
      reason_end: reasonEnd,
      shuffle: session.shuffle,
      skipped,
      offline: session.offline,
      offline_timestamp: session.offline ? startMs : null,
      incognito_mode: false,
    });
    previous = { endMs, reasonEnd };
  }
  return entries;
}
