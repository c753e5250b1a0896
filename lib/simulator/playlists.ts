import { createHash } from "node:crypto";
import type { Catalogue, SimTrack } from "./catalogue-model";
import { favouriteArtists, habitualSkipTracks, NAMED_LISTENERS, tracksOf, type SimListener } from "./listeners";
import { base62Id, SeededRandom } from "./random";

// Simulated playlists and every listener's library of them (what GET /v1/me/playlists lists):
// their own playlists, a collaborative one shared between two named listeners, a public
// playlist of someone else they follow, and a Spotify-owned "Discover Weekly". Items carry
// `added_at` relative to the simulator's clock when the library is first asked for, so a demo
// or a test sees playlists as old as its generated history. Each change bumps a playlist's
// version, and with it its `snapshot_id`.

const DAY_MS = 86_400_000;

/** Spotify reports `added_at` to the second. */
function wholeSeconds(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}

export interface SimPlaylistOwner {
  id: string;
  displayName: string;
}

/** The owner of editorial and algorithmic playlists (Discover Weekly, Release Radar). */
export const SPOTIFY_OWNER: SimPlaylistOwner = { id: "spotify", displayName: "Spotify" };

export type SimPlaylistItem = {
  /** `local`: a file from the listener's device, reported under a catalogue track's names but without any ids. */
  kind: "track" | "local" | "episode";
  /** The catalogue track (tracks and local files) or the episode's own id. */
  id: string;
  /** Null on very old playlists, as Spotify documents. */
  addedAt: Date | null;
  addedBy: string | null;
};

export interface SimPlaylist {
  id: string;
  owner: SimPlaylistOwner;
  name: string;
  description: string;
  public: boolean;
  collaborative: boolean;
  /** Listeners other than the owner who may edit (and read) a collaborative playlist. */
  collaboratorIds: string[];
  items: SimPlaylistItem[];
  /** Bumped by every change: the snapshot id follows it. */
  version: number;
}

/** Podcast episodes that turn up in playlists (the catalogue has none). */
export const SIM_EPISODES = [
  { id: base62Id("episode:0"), name: "Why We Make Playlists", showName: "The Listening Hour", durationMs: 2_415_000 },
  { id: base62Id("episode:1"), name: "Liner Notes, Ep. 12", showName: "Liner Notes", durationMs: 1_830_000 },
] as const;

export function snapshotIdOf(playlist: SimPlaylist): string {
  return createHash("sha256").update(`${playlist.id}:${playlist.version}`).digest("base64").slice(0, 32);
}

const OWN_NAMES = ["Morning Coffee", "Deep Focus", "Night Drive", "Sunday Reset", "Gym Rotation", "Rainy Day"];

function ownerOf(listener: SimListener): SimPlaylistOwner {
  return { id: listener.id, displayName: listener.displayName };
}

/** Items added one after another, `fromDaysAgo` days before `now` up to `toDaysAgo`. */
function spreadItems(tracks: readonly SimTrack[], now: Date, fromDaysAgo: number, toDaysAgo: number, addedBy: string, random: SeededRandom): SimPlaylistItem[] {
  const span = Math.max(0, fromDaysAgo - toDaysAgo);
  const offsets = tracks.map(() => random.next() * span).sort((a, b) => b - a);
  return tracks.map((track, index) => ({
    kind: "track" as const,
    id: track.id,
    addedAt: wholeSeconds(now.getTime() - (toDaysAgo + offsets[index]) * DAY_MS - random.int(0, 3_599_999)),
    addedBy,
  }));
}

function unique(tracks: SimTrack[]): SimTrack[] {
  const seen = new Set<string>();
  return tracks.filter((track) => (seen.has(track.id) ? false : (seen.add(track.id), true)));
}

/** The playlists a listener owns (two to four from their favourites; named listeners get a few designed ones on top). */
export function generateOwnPlaylists(catalogue: Catalogue, listener: SimListener, now: Date): SimPlaylist[] {
  const random = new SeededRandom(`${catalogue.seed}:${listener.id}:playlists`);
  const favourites = favouriteArtists(catalogue, listener, "playlists");
  const pool = favourites.flatMap((artist) => tracksOf(catalogue, artist));
  const owner = ownerOf(listener);
  const named = NAMED_LISTENERS.some((candidate) => candidate.id === listener.id);
  // Named listeners keep two of them: their designed playlists follow.
  const names = random.sample(OWN_NAMES, random.int(2, 4)).slice(0, named ? 2 : undefined);
  const playlists: SimPlaylist[] = names.map((name, index) => {
    const tracks = unique(random.sample(pool, random.int(12, 40)));
    return {
      id: base62Id(`${catalogue.seed}:playlist:${listener.id}:${index}`),
      owner,
      name,
      description: `${name}, made by ${listener.displayName}`,
      public: index === 0,
      collaborative: false,
      collaboratorIds: [],
      items: spreadItems(tracks, now, 400, 1, listener.id, random),
      version: 1,
    };
  });
  if (!named) return playlists;

  // Tracks this listener keeps putting on and skipping, next to old additions never played
  // since, and a local file and a podcast episode at the end.
  const skipped = habitualSkipTracks(catalogue, listener);
  const outside = catalogue.tracks.filter((track) => !pool.includes(track));
  const stale = random.sample(outside, 8);
  const favouritesNow = unique(random.sample(pool, 10));
  const designed = random.sample(outside, 3);
  playlists.push({
    id: base62Id(`${catalogue.seed}:playlist:${listener.id}:tidy-up`),
    owner,
    name: "Needs a Tidy-Up",
    description: "Old favourites, new finds, and a few I always skip",
    public: false,
    collaborative: false,
    collaboratorIds: [],
    items: [
      ...spreadItems(favouritesNow, now, 300, 70, listener.id, random),
      ...spreadItems(stale, now, 500, 120, listener.id, random),
      ...spreadItems(skipped, now, 200, 90, listener.id, random),
      // Added within the last two months: not old enough to be suggested for removal yet.
      ...spreadItems(designed, now, 30, 2, listener.id, random),
      { kind: "local", id: random.pick(outside).id, addedAt: wholeSeconds(now.getTime() - 45 * DAY_MS), addedBy: listener.id },
      { kind: "episode", id: SIM_EPISODES[0].id, addedAt: wholeSeconds(now.getTime() - 20 * DAY_MS), addedBy: listener.id },
    ],
    version: 1,
  });
  // A big archive: over 300 tracks from all over the catalogue, the oldest from before Spotify
  // recorded when items were added.
  const archive = random.sample(catalogue.tracks, 320);
  const archiveItems = spreadItems(archive, now, 900, 10, listener.id, random);
  for (const item of archiveItems.slice(0, 12)) {
    item.addedAt = null;
    item.addedBy = null;
  }
  playlists.push({
    id: base62Id(`${catalogue.seed}:playlist:${listener.id}:archive`),
    owner,
    name: "Everything, Eventually",
    description: "The long list",
    public: true,
    collaborative: false,
    collaboratorIds: [],
    items: archiveItems,
    version: 1,
  });
  // The collaborative playlist the first of a pair of named listeners shares with the second.
  const partner = collaborationPartner(listener.id);
  if (!partner || partner.owner) return playlists;
  const partnerPool = favouriteArtists(catalogue, partner.listener, "playlists").flatMap((artist) => tracksOf(catalogue, artist));
  const mine = unique(random.sample(pool, 12));
  const theirs = unique(random.sample(partnerPool, 12));
  playlists.push({
    id: base62Id(`${catalogue.seed}:playlist:${listener.id}:shared`),
    owner,
    name: `Road Trip with ${partner.listener.displayName.split(" ")[0]}`,
    description: "Both of us add to this one",
    public: false,
    collaborative: true,
    collaboratorIds: [partner.listener.id],
    items: [...spreadItems(mine, now, 200, 30, listener.id, random), ...spreadItems(theirs, now, 190, 25, partner.listener.id, random)].sort(
      (a, b) => a.addedAt!.getTime() - b.addedAt!.getTime(),
    ),
    version: 1,
  });
  return playlists;
}

/**
 * Named listeners come in pairs (the first and second, the third and fourth): the first owns a
 * collaborative playlist the second adds to, and each follows the other's public playlist.
 * `owner`: whether the other one owns the pair's shared playlist.
 */
export function collaborationPartner(listenerId: string): { listener: SimListener; owner: boolean } | undefined {
  const index = NAMED_LISTENERS.findIndex((named) => named.id === listenerId);
  if (index < 0) return undefined;
  const other = index % 2 === 0 ? index + 1 : index - 1;
  return other < NAMED_LISTENERS.length ? { listener: NAMED_LISTENERS[other], owner: index % 2 === 1 } : undefined;
}

/** This week's Discover Weekly of a listener: Spotify's, added on the last Monday. */
export function generateDiscoverWeekly(catalogue: Catalogue, listener: SimListener, now: Date): SimPlaylist {
  const random = new SeededRandom(`${catalogue.seed}:${listener.id}:discover-weekly`);
  const monday = wholeSeconds(now.getTime() - ((now.getUTCDay() + 6) % 7) * DAY_MS);
  monday.setUTCHours(0, 0, 0, 0);
  return {
    id: `37i9dQZEVXcW${base62Id(`${catalogue.seed}:discover-weekly:${listener.id}`).slice(0, 10)}`,
    owner: SPOTIFY_OWNER,
    name: "Discover Weekly",
    description: "Your weekly mixtape of fresh music. Enjoy new music and deep cuts picked for you. Updates every Monday.",
    public: false,
    collaborative: false,
    collaboratorIds: [],
    items: random.sample(catalogue.tracks, 30).map((track) => ({ kind: "track", id: track.id, addedAt: monday, addedBy: SPOTIFY_OWNER.id })),
    version: 1,
  };
}

/**
 * `count` more playlists of `tracks` tracks each, owned by the listener (benchmarks), named
 * `<prefix> 1`... Tracks come round-robin from the catalogue, so every playlist differs.
 */
export function generateBulkPlaylists(catalogue: Catalogue, listener: SimListener, now: Date, options: { count: number; tracks: number; start: number }): SimPlaylist[] {
  const owner = ownerOf(listener);
  return Array.from({ length: options.count }, (_, offset) => {
    const number = options.start + offset;
    const random = new SeededRandom(`${catalogue.seed}:${listener.id}:bulk:${number}`);
    return {
      id: base62Id(`${catalogue.seed}:playlist:${listener.id}:bulk:${number}`),
      owner,
      name: `Playlist ${number}`,
      description: "",
      public: false,
      collaborative: false,
      collaboratorIds: [],
      items: spreadItems(random.sample(catalogue.tracks, options.tracks), now, 365, 1, listener.id, random),
      version: 1,
    };
  });
}

/**
 * A change as a listener makes one: `remove` items taken out (from the front), `add` tracks
 * appended (explicit ids first, which may already be in the playlist, then new ones from the
 * catalogue). Returns the playlist with its version bumped.
 */
export function changePlaylist(catalogue: Catalogue, playlist: SimPlaylist, change: { add?: number; remove?: number; addTrackIds?: string[]; by: string; now: Date }): SimPlaylist {
  const random = new SeededRandom(`${catalogue.seed}:${playlist.id}:change:${playlist.version}`);
  const items = playlist.items.slice(Math.min(change.remove ?? 0, playlist.items.length));
  const present = new Set(items.map((item) => item.id));
  const fresh = random.sample(
    catalogue.tracks.filter((track) => !present.has(track.id)),
    change.add ?? 0,
  );
  const added = [...(change.addTrackIds ?? []), ...fresh.map((track) => track.id)];
  added.forEach((id, index) => items.push({ kind: "track", id, addedAt: wholeSeconds(change.now.getTime() - (added.length - 1 - index) * 1000), addedBy: change.by }));
  playlist.items = items;
  playlist.version += 1;
  return playlist;
}
