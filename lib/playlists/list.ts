/**
 * The user's playlists as GET /api/playlists and /dashboard/playlists show them (SPEC §10): in
 * their listing's order, each with its track count, when its tracks were last collected and how
 * many of them are suggested for removal at `now` (counted by suggestion-counts.ts).
 */
import type { Db } from "@/lib/db/client";
import { listedPlaylists, type ListedPlaylistRow, type ListingPage } from "./listed-playlists";
import type { UnreadableReason } from "./store-listing";
import { suggestionCounts, type SuggestionCounts } from "./suggestion-counts";

/** One playlist of GET /api/playlists, exactly SPEC §10's fields. */
export type PlaylistSummary = {
  id: string;
  name: string;
  owner: { id: string; displayName: string };
  readable: boolean;
  reason?: UnreadableReason;
  tracks: number;
  collectedAt: string | null;
  suggestions: number;
};

/** What the pages show on top: the cover, whether it is collaborative, when Spotify refused it. */
export type PlaylistCard = PlaylistSummary & { imageUrl: string | null; collaborative: boolean; refusedAt: string | null };

/** Whether the tracks of a listed playlist can be shown: read at least once and not refused since. */
export function shownVersion(row: ListedPlaylistRow): ListedPlaylistRow["version"] {
  return row.unreadable === null ? row.version : null;
}

export function cardOf(row: ListedPlaylistRow, suggestions: number): PlaylistCard {
  const version = shownVersion(row);
  return {
    id: row.id,
    name: row.name,
    owner: { id: row.ownerId, displayName: row.ownerName ?? row.ownerId },
    readable: row.unreadable === null,
    ...(row.unreadable === null ? {} : { reason: row.unreadable }),
    tracks: version ? version.entryCount : row.listedTotal,
    collectedAt: version ? version.collectedAt.toISOString() : null,
    suggestions,
    imageUrl: row.imageUrl,
    collaborative: row.collaborative,
    refusedAt: row.refusedAt?.toISOString() ?? null,
  };
}

export function summaryOf(card: PlaylistCard): PlaylistSummary {
  const { id, name, owner, readable, reason, tracks, collectedAt, suggestions } = card;
  return { id, name, owner, readable, ...(reason === undefined ? {} : { reason }), tracks, collectedAt, suggestions };
}

export async function listPlaylistCards(db: Db, userId: string, now: Date): Promise<PlaylistCard[]> {
  const [rows, counts] = await Promise.all([listedPlaylists(db, userId), suggestionCounts(db, userId, now)]);
  return rows.map((row) => {
    const version = shownVersion(row);
    return cardOf(row, version ? (counts.byVersion.get(version.id) ?? 0) : 0);
  });
}

/** Playlists per page of /dashboard/playlists: a page's cost follows it, not the whole library. */
export const PLAYLISTS_PER_PAGE = 50;

/** How a page of the list gets the suggestion counts of its versions: counted now, or through the page's cache (page-caches.ts). */
export type SuggestionCountsReader = (db: Db, userId: string, now: Date, versionIds: bigint[]) => Promise<SuggestionCounts>;

/** One page of the list (the page /dashboard/playlists shows), with how many playlists there are in all. */
export async function listPlaylistPage(
  db: Db,
  userId: string,
  now: Date,
  page: ListingPage,
  countSuggestions: SuggestionCountsReader = suggestionCounts,
): Promise<{ cards: PlaylistCard[]; total: number }> {
  const rows = await listedPlaylists(db, userId, undefined, page);
  const versions = rows.flatMap((row) => shownVersion(row)?.id ?? []);
  const counts = await countSuggestions(db, userId, now, versions);
  return {
    cards: rows.map((row) => {
      const version = shownVersion(row);
      return cardOf(row, version ? (counts.byVersion.get(version.id) ?? 0) : 0);
    }),
    total: rows[0]?.listedCount ?? 0,
  };
}
