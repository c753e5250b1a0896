/**
 * One listed playlist as GET /api/playlists/{id} and /dashboard/playlists/[id] show it (SPEC §10):
 * the latest version's entries with each track's figures and suggestion at `now`, and the
 * changes between stored versions. Null when the user's latest listing does not have the id
 * (another user's playlist included): callers answer 404.
 */
import type { Db } from "@/lib/db/client";
import { cardOf, shownVersion, type PlaylistCard } from "./list";
import { listedPlaylists } from "./listed-playlists";
import { playlistChanges, type PlaylistChange } from "./playlist-changes";
import type { PlaylistEntryKind } from "./read-spotify";
import { NO_PLAYS, skipRateOf, suggestionFor, type Suggestion } from "./suggestions";
import { versionTrackFigures, type VersionTrackFigures } from "./track-figures";
import { versionEntries, type VersionEntry } from "./version-entries";

export type PlaylistTrack = {
  position: number;
  id: string | null;
  name: string;
  artists: string[];
  addedAt: string | null;
  streams90d: number;
  lastStream: string | null;
  knownPlays365d: number;
  skipRate365d: number | null;
  suggestion: Suggestion | null;
};

/** GET /api/playlists/{id}: exactly SPEC §10's shape. */
export type PlaylistDetail = {
  playlist: { id: string; name: string; owner: { id: string; displayName: string }; snapshotId: string | null; collectedAt: string | null };
  tracks: PlaylistTrack[];
  changes: { collectedAt: string; snapshotId: string; added: { id: string; name: string }[]; removed: { id: string; name: string }[] }[];
};

/** The page's view: the API's, with the card and what the table shows beside each track. */
export type PlaylistView = PlaylistDetail & { card: PlaylistCard; rows: (PlaylistTrack & { kind: PlaylistEntryKind; imageUrl: string | null })[] };

const UNNAMED: Record<PlaylistEntryKind, string> = { track: "Unknown track", local: "Local file", episode: "Podcast episode", unavailable: "Unavailable item" };

/** What the page of a playlist's latest stored version shows at `now` besides its listing row. */
export type VersionContent = { entries: VersionEntry[]; figures: VersionTrackFigures; changes: PlaylistChange[] };

/** How a view gets its version's content: read now (the API), or through the page's cache (page-caches.ts). */
export type VersionContentReader = (db: Db, userId: string, playlistId: string, versionId: bigint, now: Date) => Promise<VersionContent>;

export const readVersionContent: VersionContentReader = async (db, userId, playlistId, versionId, now) => {
  const [entries, figures, changes] = await Promise.all([versionEntries(db, [versionId]), versionTrackFigures(db, userId, versionId, now), playlistChanges(db, userId, playlistId)]);
  return { entries, figures, changes };
};

const NOT_COLLECTED: VersionContent = { entries: [], figures: { byTrack: new Map(), changesAt: Infinity }, changes: [] };

export async function loadPlaylistView(db: Db, userId: string, playlistId: string, now: Date, readContent: VersionContentReader = readVersionContent): Promise<PlaylistView | null> {
  const [row] = await listedPlaylists(db, userId, playlistId);
  if (!row) return null;
  const version = shownVersion(row);
  const { entries, figures, changes } = version ? await readContent(db, userId, playlistId, version.id, now) : NOT_COLLECTED;
  const rows = entries.map((entry) => {
    const counted = entry.trackId ? (figures.byTrack.get(entry.trackId) ?? NO_PLAYS) : NO_PLAYS;
    return {
      position: entry.position,
      id: entry.trackId,
      name: entry.name ?? UNNAMED[entry.kind],
      artists: entry.artists,
      addedAt: entry.addedAt?.toISOString() ?? null,
      streams90d: counted.streams90d,
      lastStream: counted.lastStream?.toISOString() ?? null,
      knownPlays365d: counted.knownPlays365d,
      skipRate365d: skipRateOf(counted),
      // Local files and episodes get no suggestion.
      suggestion: entry.trackId ? suggestionFor(counted, entry.addedAt, now) : null,
      kind: entry.kind,
      imageUrl: entry.albumImageUrl,
    };
  });
  const card = cardOf(row, rows.filter((track) => track.suggestion !== null).length);
  return {
    card,
    rows,
    playlist: { id: row.id, name: row.name, owner: card.owner, snapshotId: version?.snapshotId ?? null, collectedAt: version?.collectedAt.toISOString() ?? null },
    tracks: rows.map((track) => ({
      position: track.position,
      id: track.id,
      name: track.name,
      artists: track.artists,
      addedAt: track.addedAt,
      streams90d: track.streams90d,
      lastStream: track.lastStream,
      knownPlays365d: track.knownPlays365d,
      skipRate365d: track.skipRate365d,
      suggestion: track.suggestion,
    })),
    changes: changes.map((change) => ({ ...change, collectedAt: change.collectedAt.toISOString() })),
  };
}

export function detailOf(view: PlaylistView): PlaylistDetail {
  return { playlist: view.playlist, tracks: view.tracks, changes: view.changes };
}
