/** A playlist's tracks as CSV (SPEC §10): the exact header row, then one row per entry. */
import { CSV_ARTIST_SEPARATOR, csvField } from "@/lib/export/plays";
import type { PlaylistDetail } from "./detail";

export const PLAYLIST_CSV_HEADER = "position,id,name,artists,addedAt,streams90d,lastStream,knownPlays365d,skipRate365d,suggestion";

export function playlistCsv(detail: PlaylistDetail): string {
  const rows = detail.tracks.map((track) =>
    [
      track.position,
      track.id,
      track.name,
      track.artists.join(CSV_ARTIST_SEPARATOR),
      track.addedAt,
      track.streams90d,
      track.lastStream,
      track.knownPlays365d,
      track.skipRate365d,
      track.suggestion,
    ]
      .map(csvField)
      .join(","),
  );
  return [PLAYLIST_CSV_HEADER, ...rows].map((line) => `${line}\r\n`).join("");
}
