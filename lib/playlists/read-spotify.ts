/**
 * Reading a user's playlists from Spotify (SPEC §10): every page of GET /v1/me/playlists, and
 * every page of one playlist's GET /v1/playlists/{id}/items, turned into the rows the collection
 * stores. A read either returns everything or throws: callers never see half a playlist.
 */
import type { RequestBudget, SpotifyClient, SpotifyPlaylistItem, SpotifySimplifiedPlaylist, SpotifyTrack } from "@/lib/spotify";

/** The largest page both endpoints serve. */
export const PLAYLIST_PAGE_SIZE = 50;

/** Requests a listing or a playlist of `total` items takes (an empty one still takes one). */
export function pagesFor(total: number): number {
  return Math.max(1, Math.ceil(total / PLAYLIST_PAGE_SIZE));
}

export type ListedPlaylist = {
  id: string;
  name: string;
  ownerId: string;
  ownerName: string | null;
  imageUrl: string | null;
  collaborative: boolean;
  public: boolean | null;
  snapshotId: string;
  total: number;
};

export type PlaylistEntryKind = "track" | "local" | "episode" | "unavailable";

export type CollectedEntry = {
  position: number;
  kind: PlaylistEntryKind;
  trackId: string | null;
  addedAt: Date | null;
  /** For entries without a track id: the names the item itself gave. */
  name: string | null;
  artists: string[];
  /** The item's own track object: new tracks enter the catalogue from it. */
  track: SpotifyTrack | null;
};

/** The budget cannot pay for the whole listing or playlist: nothing of it is read. */
export class PlaylistBudgetShortError extends Error {
  override name = "PlaylistBudgetShortError";
  constructor(readonly needed: number, readonly remaining: number) {
    super(`needs ${needed} requests, ${remaining} left in this run's budget`);
  }
}

/** The playlist changed between two pages (its total moved): read again whole next time. */
export class PlaylistChangedWhileReadingError extends Error {
  override name = "PlaylistChangedWhileReadingError";
}

function toListed(playlist: SpotifySimplifiedPlaylist): ListedPlaylist {
  return {
    id: playlist.id,
    name: playlist.name,
    ownerId: playlist.owner.id,
    ownerName: playlist.owner.display_name ?? null,
    imageUrl: playlist.images?.[0]?.url ?? null,
    collaborative: playlist.collaborative,
    public: playlist.public ?? null,
    snapshotId: playlist.snapshot_id,
    total: playlist.total,
  };
}

/** Every page of the user's playlists, in Spotify's order. The first page says how many more it takes. */
export async function readListing(client: SpotifyClient, budget: RequestBudget): Promise<ListedPlaylist[]> {
  if (budget.remaining < 1) throw new PlaylistBudgetShortError(1, budget.remaining);
  const first = await client.getMyPlaylists({ limit: PLAYLIST_PAGE_SIZE, offset: 0 });
  const more = pagesFor(first.total) - 1;
  if (budget.remaining < more) throw new PlaylistBudgetShortError(more, budget.remaining);
  const pages = [first];
  for (let offset = PLAYLIST_PAGE_SIZE; offset < first.total; offset += PLAYLIST_PAGE_SIZE) {
    pages.push(await client.getMyPlaylists({ limit: PLAYLIST_PAGE_SIZE, offset }));
  }
  const seen = new Set<string>();
  return pages
    .flatMap((page) => page.items)
    .filter((playlist): playlist is SpotifySimplifiedPlaylist => playlist !== null)
    .map(toListed)
    // A playlist moving between pages while they are read would show twice: keep its first place.
    .filter((playlist) => (seen.has(playlist.id) ? false : (seen.add(playlist.id), true)));
}

function toEntry(item: SpotifyPlaylistItem, position: number): CollectedEntry {
  const addedAt = item.added_at ? new Date(item.added_at) : null;
  const entry = item.item;
  if (entry === null) return { position, kind: "unavailable", trackId: null, addedAt, name: null, artists: [], track: null };
  if ("type" in entry && entry.type === "episode") return { position, kind: "episode", trackId: null, addedAt, name: entry.name, artists: entry.show ? [entry.show.name] : [], track: null };
  if ("is_local" in entry && entry.is_local) return { position, kind: "local", trackId: null, addedAt, name: entry.name, artists: entry.artists.map((artist) => artist.name), track: null };
  const track = entry as SpotifyTrack;
  return { position, kind: "track", trackId: track.id, addedAt, name: null, artists: [], track };
}

/**
 * Every item of one playlist, in order. `expectedTotal` (from the listing) decides whether the
 * budget can pay for it before anything is sent; the pages must agree on the total.
 */
export async function readPlaylistItems(client: SpotifyClient, budget: RequestBudget, playlistId: string, expectedTotal: number): Promise<CollectedEntry[]> {
  const needed = pagesFor(expectedTotal);
  if (budget.remaining < needed) throw new PlaylistBudgetShortError(needed, budget.remaining);
  const items: SpotifyPlaylistItem[] = [];
  let total: number | undefined;
  for (let offset = 0; total === undefined || offset < total; offset += PLAYLIST_PAGE_SIZE) {
    const page = await client.getPlaylistItems(playlistId, { limit: PLAYLIST_PAGE_SIZE, offset });
    if (total !== undefined && page.total !== total) throw new PlaylistChangedWhileReadingError(`playlist ${playlistId} changed while it was read (${total} then ${page.total} items)`);
    total = page.total;
    items.push(...page.items);
    if (page.items.length < Math.min(PLAYLIST_PAGE_SIZE, total - offset)) {
      throw new PlaylistChangedWhileReadingError(`playlist ${playlistId}: a page at offset ${offset} held ${page.items.length} of ${total} items`);
    }
  }
  return items.map(toEntry);
}
