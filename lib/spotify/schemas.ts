import { z } from "zod";

// Zod schemas for every Spotify response the product reads. Objects strip unknown keys;
// fields Spotify removed for development-mode apps in 2026 (popularity, followers,
// available_markets, external_ids, ...) are optional so their absence is never an error.

const externalUrls = z.object({ spotify: z.string().optional() });

export const imageSchema = z.object({
  url: z.string(),
  height: z.number().int().nullable(),
  width: z.number().int().nullable(),
});

const followers = z.object({ href: z.string().nullable(), total: z.number().int() });

export const simplifiedArtistSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.literal("artist"),
  uri: z.string(),
  href: z.string(),
  external_urls: externalUrls,
});

export const artistSchema = simplifiedArtistSchema.extend({
  // Absent for development-mode apps since February 2026 (SPEC 5b).
  genres: z.array(z.string()).optional(),
  images: z.array(imageSchema),
  popularity: z.number().int().optional(),
  followers: followers.optional(),
});

export const simplifiedAlbumSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.literal("album"),
  album_type: z.enum(["album", "single", "compilation", "ALBUM", "SINGLE", "COMPILATION"]),
  total_tracks: z.number().int(),
  release_date: z.string(),
  release_date_precision: z.enum(["year", "month", "day"]),
  images: z.array(imageSchema),
  artists: z.array(simplifiedArtistSchema),
  uri: z.string(),
  href: z.string(),
  external_urls: externalUrls,
  available_markets: z.array(z.string()).optional(),
});

export const simplifiedTrackSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.literal("track"),
  artists: z.array(simplifiedArtistSchema),
  duration_ms: z.number().int(),
  explicit: z.boolean(),
  disc_number: z.number().int(),
  track_number: z.number().int(),
  is_local: z.boolean(),
  uri: z.string(),
  href: z.string(),
  external_urls: externalUrls,
  preview_url: z.string().nullable().optional(),
  available_markets: z.array(z.string()).optional(),
});

export const trackSchema = simplifiedTrackSchema.extend({
  album: simplifiedAlbumSchema,
  popularity: z.number().int().optional(),
  external_ids: z.object({ isrc: z.string().optional() }).optional(),
});

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    href: z.string(),
    items: z.array(item),
    limit: z.number().int(),
    next: z.string().nullable(),
    offset: z.number().int(),
    previous: z.string().nullable(),
    total: z.number().int(),
  });
}

export const albumSchema = simplifiedAlbumSchema.extend({
  tracks: pageOf(simplifiedTrackSchema),
  label: z.string().optional(),
  popularity: z.number().int().optional(),
  genres: z.array(z.string()).optional(),
});

export const meSchema = z.object({
  id: z.string(),
  display_name: z.string().nullable(),
  images: z.array(imageSchema),
  type: z.literal("user"),
  uri: z.string(),
  href: z.string(),
  external_urls: externalUrls,
  followers: followers.optional(),
  // Present for some accounts; Spotify's 2026 development mode sends no email/country/product.
  account_id: z.string().optional(),
});

const playContextSchema = z.object({
  type: z.string(),
  uri: z.string(),
  href: z.string().nullable(),
  external_urls: externalUrls,
});

/**
 * A file from the listener's own device: Spotify reports it with `is_local: true` and no ids
 * (track, album and artists all `null`, uri `spotify:local:…`). Only what a reader may need is kept.
 */
export const localTrackSchema = z.object({
  is_local: z.literal(true),
  type: z.literal("track"),
  name: z.string(),
  duration_ms: z.number().int(),
  uri: z.string().nullable(),
});

export const playHistoryItemSchema = z.object({
  track: z.discriminatedUnion("is_local", [trackSchema.extend({ is_local: z.literal(false) }), localTrackSchema]),
  played_at: z.iso.datetime(),
  context: playContextSchema.nullable(),
});

export const recentlyPlayedPageSchema = z.object({
  href: z.string(),
  items: z.array(playHistoryItemSchema),
  limit: z.number().int(),
  next: z.string().nullable(),
  cursors: z.object({ after: z.string().nullable(), before: z.string().nullable() }).nullable(),
  total: z.number().int().optional(),
});

// Playlists (SPEC §10): only the fields the collection reads are required. In 2026 Spotify
// renamed a simplified playlist's `tracks` summary to `items`, and a playlist item's `track` to
// `item` (both are still accepted; `item` wins when both are sent).

/** A paging object as the playlist endpoints send it: the collection pages by offset and total. */
function offsetPageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    next: z.string().nullable().optional(),
    offset: z.number().int().optional(),
    total: z.number().int().nonnegative(),
  });
}

const playlistContentsSchema = z.object({ total: z.number().int().nonnegative() });

export const simplifiedPlaylistSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    collaborative: z.boolean(),
    public: z.boolean().nullable().optional(),
    snapshot_id: z.string().min(1),
    images: z.array(z.object({ url: z.string() })).nullable().optional(),
    owner: z.object({ id: z.string().min(1), display_name: z.string().nullable().optional() }),
    items: playlistContentsSchema.optional(),
    tracks: playlistContentsSchema.optional(),
  })
  .superRefine((playlist, context) => {
    if (!playlist.items && !playlist.tracks) context.addIssue({ code: "custom", path: ["items"], message: "missing: expected items.total (or the former tracks.total)" });
  })
  .transform(({ items, tracks, ...playlist }) => ({ ...playlist, total: (items ?? tracks)!.total }));

/** Spotify has been seen to send `null` in place of a playlist it cannot describe: such entries are skipped. */
export const playlistsPageSchema = offsetPageOf(simplifiedPlaylistSchema.nullable());

/** A podcast episode in a playlist: kept as an entry without a track id. */
const playlistEpisodeSchema = z.object({
  type: z.literal("episode"),
  id: z.string().nullable(),
  name: z.string(),
  show: z.object({ name: z.string() }).nullable().optional(),
});

/** A file from the owner's device: names only, no ids. */
const playlistLocalTrackSchema = z.object({
  type: z.literal("track"),
  is_local: z.literal(true),
  name: z.string(),
  artists: z.array(z.object({ name: z.string() })).default([]),
});

const playlistEntrySchema = z.union([playlistEpisodeSchema, playlistLocalTrackSchema, trackSchema]);

/** 1970-01-01T00:00:00Z stands for "unknown" on very old playlists, as null does. */
const addedAtSchema = z.iso
  .datetime({ offset: true })
  .nullable()
  .transform((value) => (value === null || Date.parse(value) <= 0 ? null : value));

export const playlistItemSchema = z
  .object({
    added_at: addedAtSchema.optional().transform((value) => value ?? null),
    // `item` (2026) or `track` (before): null for an entry Spotify can no longer describe.
    item: playlistEntrySchema.nullable().optional(),
    track: playlistEntrySchema.nullable().optional(),
  })
  .transform(({ item, track, added_at }) => ({ added_at, item: item ?? track ?? null }));

export const playlistItemsPageSchema = offsetPageOf(playlistItemSchema);

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  scope: z.string().default(""),
  refresh_token: z.string().min(1).optional(),
});

export const webApiErrorBodySchema = z.object({
  error: z.object({ status: z.number().int(), message: z.string() }),
});

export const oauthErrorBodySchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

export type SpotifyImage = z.infer<typeof imageSchema>;
export type SpotifySimplifiedArtist = z.infer<typeof simplifiedArtistSchema>;
export type SpotifyArtist = z.infer<typeof artistSchema>;
export type SpotifySimplifiedAlbum = z.infer<typeof simplifiedAlbumSchema>;
export type SpotifyAlbum = z.infer<typeof albumSchema>;
export type SpotifySimplifiedTrack = z.infer<typeof simplifiedTrackSchema>;
export type SpotifyTrack = z.infer<typeof trackSchema>;
export type SpotifyMe = z.infer<typeof meSchema>;
export type SpotifyPlayHistoryItem = z.infer<typeof playHistoryItemSchema>;
/** A recently played item of a catalogue track (not a local file). */
export type SpotifyCataloguedPlay = SpotifyPlayHistoryItem & { track: SpotifyTrack };

export function isCataloguedPlay(item: SpotifyPlayHistoryItem): item is SpotifyCataloguedPlay {
  return !item.track.is_local;
}
export type SpotifyRecentlyPlayedPage = z.infer<typeof recentlyPlayedPageSchema>;
export type SpotifySimplifiedPlaylist = z.output<typeof simplifiedPlaylistSchema>;
export type SpotifyPlaylistsPage = z.output<typeof playlistsPageSchema>;
export type SpotifyPlaylistItem = z.output<typeof playlistItemSchema>;
export type SpotifyPlaylistEntry = NonNullable<SpotifyPlaylistItem["item"]>;
export type SpotifyPlaylistItemsPage = z.output<typeof playlistItemsPageSchema>;
export type SpotifyTokenResponse = z.infer<typeof tokenResponseSchema>;
export type SpotifyWebApiErrorBody = z.infer<typeof webApiErrorBodySchema>;
export type SpotifyOAuthErrorBody = z.infer<typeof oauthErrorBodySchema>;
