import type { Catalogue, SimAlbum, SimArtist, SimPlay, SimTrack } from "./catalogue-model";
import type { SimListener } from "./listeners";
import { SIM_EPISODES, snapshotIdOf, type SimPlaylist, type SimPlaylistItem, type SimPlaylistOwner } from "./playlists";

// Renders catalogue records as the JSON objects Spotify's Web API documents. `baseUrl` is the
// simulator's own address, so every `href` and `next` link can be followed against it.
// Fields Spotify no longer sends (preview_url is null, no available_markets without a market)
// follow what the 2026 API returns to development-mode apps.

/**
 * `development`: what a development-mode app sees since February 2026 (every self-hosted
 * install): artist objects without `genres`, `popularity` and `followers`. `extended`: an
 * extended-quota app, which still gets them.
 */
export type AppQuota = "development" | "extended";

export interface ObjectContext {
  catalogue: Catalogue;
  baseUrl: string;
  quota: AppQuota;
}

function images(ctx: ObjectContext, id: string) {
  return [640, 300, 64].map((size) => ({ url: `${ctx.baseUrl}/images/${id}-${size}.svg`, height: size, width: size }));
}

function externalUrls(kind: string, id: string) {
  return { spotify: `https://open.spotify.com/${kind}/${id}` };
}

export function simplifiedArtistObject(ctx: ObjectContext, artist: SimArtist) {
  return {
    external_urls: externalUrls("artist", artist.id),
    href: `${ctx.baseUrl}/v1/artists/${artist.id}`,
    id: artist.id,
    name: artist.name,
    type: "artist" as const,
    uri: `spotify:artist:${artist.id}`,
  };
}

export function artistObject(ctx: ObjectContext, artist: SimArtist) {
  const extended = ctx.quota === "extended" ? { followers: { href: null, total: artist.followers }, genres: artist.genres, popularity: artist.popularity } : {};
  return {
    external_urls: externalUrls("artist", artist.id),
    ...extended,
    href: `${ctx.baseUrl}/v1/artists/${artist.id}`,
    id: artist.id,
    images: images(ctx, artist.id),
    name: artist.name,
    type: "artist" as const,
    uri: `spotify:artist:${artist.id}`,
  };
}

function artistsOf(ctx: ObjectContext, ids: string[]) {
  return ids.map((id) => simplifiedArtistObject(ctx, ctx.catalogue.artistById.get(id)!));
}

export function simplifiedAlbumObject(ctx: ObjectContext, album: SimAlbum) {
  return {
    album_type: album.albumType,
    artists: artistsOf(ctx, album.artistIds),
    external_urls: externalUrls("album", album.id),
    href: `${ctx.baseUrl}/v1/albums/${album.id}`,
    id: album.id,
    images: images(ctx, album.id),
    name: album.name,
    release_date: album.releaseDate,
    release_date_precision: album.releaseDatePrecision,
    total_tracks: album.trackIds.length,
    type: "album" as const,
    uri: `spotify:album:${album.id}`,
  };
}

export function simplifiedTrackObject(ctx: ObjectContext, track: SimTrack) {
  return {
    artists: artistsOf(ctx, track.artistIds),
    disc_number: track.discNumber,
    duration_ms: track.durationMs,
    explicit: track.explicit,
    external_urls: externalUrls("track", track.id),
    href: `${ctx.baseUrl}/v1/tracks/${track.id}`,
    id: track.id,
    is_local: false,
    name: track.name,
    preview_url: null,
    track_number: track.trackNumber,
    type: "track" as const,
    uri: `spotify:track:${track.id}`,
  };
}

export function trackObject(ctx: ObjectContext, track: SimTrack) {
  const { artists, ...rest } = simplifiedTrackObject(ctx, track);
  return {
    album: simplifiedAlbumObject(ctx, ctx.catalogue.albumById.get(track.albumId)!),
    artists,
    ...rest,
    external_ids: { isrc: track.isrc },
    popularity: track.popularity,
  };
}

export interface PageLinks {
  href: string;
  limit: number;
  offset: number;
  total: number;
  /** Builds the URL of the page starting at an offset. */
  urlFor: (offset: number) => string;
}

/** Spotify's offset paging object around already-sliced items. */
export function pageObject<T>(items: T[], page: PageLinks) {
  const nextOffset = page.offset + page.limit;
  return {
    href: page.href,
    items,
    limit: page.limit,
    next: nextOffset < page.total ? page.urlFor(nextOffset) : null,
    offset: page.offset,
    previous: page.offset > 0 ? page.urlFor(Math.max(0, page.offset - page.limit)) : null,
    total: page.total,
  };
}

export function albumObject(ctx: ObjectContext, album: SimAlbum) {
  const tracksUrl = (offset: number) => `${ctx.baseUrl}/v1/albums/${album.id}/tracks?offset=${offset}&limit=50`;
  const tracks = album.trackIds.slice(0, 50).map((id) => simplifiedTrackObject(ctx, ctx.catalogue.trackById.get(id)!));
  return {
    ...simplifiedAlbumObject(ctx, album),
    copyrights: [{ text: `℗ ${album.releaseDate.slice(0, 4)} ${album.label}`, type: "P" }],
    external_ids: { upc: `0${album.id.length}${album.trackIds.length}`.padEnd(12, "0") },
    genres: [],
    label: album.label,
    popularity: album.popularity,
    tracks: pageObject(tracks, { href: tracksUrl(0), limit: 50, offset: 0, total: album.trackIds.length, urlFor: tracksUrl }),
  };
}

export function userObject(ctx: ObjectContext, listener: SimListener) {
  return {
    display_name: listener.displayName,
    external_urls: externalUrls("user", listener.id),
    followers: { href: null, total: 0 },
    href: `${ctx.baseUrl}/v1/users/${listener.id}`,
    id: listener.id,
    images: images(ctx, listener.id).slice(0, 2),
    type: "user" as const,
    uri: `spotify:user:${listener.id}`,
  };
}

/** A local file as Spotify reports it: names and duration only, every id and link null. */
export function localTrackObject(ctx: ObjectContext, track: SimTrack) {
  const album = ctx.catalogue.albumById.get(track.albumId)!;
  const artist = ctx.catalogue.artistById.get(track.artistIds[0])!;
  const localUri = [artist.name, album.name, track.name].map((part) => encodeURIComponent(part).replace(/%20/g, "+"));
  return {
    album: {
      album_type: null,
      artists: [],
      available_markets: [],
      external_urls: {},
      href: null,
      id: null,
      images: [],
      name: album.name,
      release_date: null,
      release_date_precision: null,
      type: "album" as const,
      uri: null,
    },
    artists: [{ external_urls: {}, href: null, id: null, name: artist.name, type: "artist" as const, uri: null }],
    available_markets: [],
    disc_number: 0,
    duration_ms: track.durationMs,
    explicit: false,
    external_ids: {},
    external_urls: {},
    href: null,
    id: null,
    is_local: true,
    name: track.name,
    popularity: 0,
    preview_url: null,
    track_number: 0,
    type: "track" as const,
    uri: `spotify:local:${localUri.join(":")}:${Math.round(track.durationMs / 1000)}`,
  };
}

export function playHistoryObject(ctx: ObjectContext, play: SimPlay) {
  const album = play.contextAlbumId ? ctx.catalogue.albumById.get(play.contextAlbumId) : undefined;
  const track = ctx.catalogue.trackById.get(play.trackId)!;
  return {
    track: play.localFile ? localTrackObject(ctx, track) : trackObject(ctx, track),
    played_at: play.playedAt.toISOString(),
    context: album
      ? {
          type: "album",
          href: `${ctx.baseUrl}/v1/albums/${album.id}`,
          external_urls: externalUrls("album", album.id),
          uri: `spotify:album:${album.id}`,
        }
      : null,
  };
}

/** A public user object as playlists embed it (owner, added_by): no followers or images. */
function playlistUserObject(ctx: ObjectContext, user: SimPlaylistOwner, withName: boolean) {
  return {
    ...(withName ? { display_name: user.displayName } : {}),
    external_urls: externalUrls("user", user.id),
    href: `${ctx.baseUrl}/v1/users/${user.id}`,
    id: user.id,
    type: "user" as const,
    uri: `spotify:user:${user.id}`,
  };
}

/** The 2026 shape: the summary of the playlist's contents is `items` (formerly `tracks`). */
export function simplifiedPlaylistObject(ctx: ObjectContext, playlist: SimPlaylist) {
  return {
    collaborative: playlist.collaborative,
    description: playlist.description,
    external_urls: externalUrls("playlist", playlist.id),
    href: `${ctx.baseUrl}/v1/playlists/${playlist.id}`,
    id: playlist.id,
    images: images(ctx, playlist.id).slice(0, 1),
    items: { href: `${ctx.baseUrl}/v1/playlists/${playlist.id}/items`, total: playlist.items.length },
    name: playlist.name,
    owner: playlistUserObject(ctx, playlist.owner, true),
    public: playlist.public,
    snapshot_id: snapshotIdOf(playlist),
    type: "playlist" as const,
    uri: `spotify:playlist:${playlist.id}`,
  };
}

export function episodeObject(ctx: ObjectContext, episode: (typeof SIM_EPISODES)[number]) {
  const showId = `show${episode.id.slice(4)}`;
  return {
    description: `${episode.name}, from ${episode.showName}.`,
    duration_ms: episode.durationMs,
    explicit: false,
    external_urls: externalUrls("episode", episode.id),
    href: `${ctx.baseUrl}/v1/episodes/${episode.id}`,
    id: episode.id,
    images: images(ctx, episode.id),
    is_externally_hosted: false,
    language: "en",
    languages: ["en"],
    name: episode.name,
    release_date: "2025-11-03",
    release_date_precision: "day",
    show: {
      description: `${episode.showName}: conversations about listening.`,
      external_urls: externalUrls("show", showId),
      href: `${ctx.baseUrl}/v1/shows/${showId}`,
      id: showId,
      images: images(ctx, showId),
      name: episode.showName,
      publisher: "Encore Simulated Audio",
      type: "show" as const,
      uri: `spotify:show:${showId}`,
    },
    type: "episode" as const,
    uri: `spotify:episode:${episode.id}`,
  };
}

/** A playlist item in the 2026 shape: the track or episode is `item` (formerly `track`). */
export function playlistItemObject(ctx: ObjectContext, item: SimPlaylistItem, addedBy: SimPlaylistOwner | null) {
  const track = ctx.catalogue.trackById.get(item.id);
  const episode = SIM_EPISODES.find((candidate) => candidate.id === item.id);
  return {
    added_at: item.addedAt ? item.addedAt.toISOString().replace(/\.\d{3}Z$/, "Z") : null,
    added_by: addedBy ? playlistUserObject(ctx, addedBy, false) : null,
    is_local: item.kind === "local",
    item: item.kind === "episode" ? episodeObject(ctx, episode!) : item.kind === "local" ? localTrackObject(ctx, track!) : trackObject(ctx, track!),
  };
}
