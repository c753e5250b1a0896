import { z } from "zod";

// Zod schemas for every Spotify response the product reads, and only for what it reads.
//
// Required: the fields the product stores or decides on and cannot do without (ids, names,
// durations, credits, album track counts, play times, tokens). Optional: fields read when
// present whose absence has a meaning (no image, no release date, no genres). Everything else
// Spotify sends (href, uri, external_urls, type, explicit, disc_number, release_date_precision,
// popularity of tracks, available_markets, ...) is not declared: objects strip unknown keys, so
// a field Spotify adds, renames or drops (as it did for development-mode apps in February 2026)
// can never fail a sign-in or an ingestion. A missing required field fails with the endpoint
// and the field's path (lib/spotify/validation.ts).

/** An image; only its URL is kept (`height`/`width` are null for some images and never read). */
export const imageSchema = z.object({ url: z.string() });

/** A list the product reads when present: absent or null reads as empty. */
function listOrEmpty<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((list): z.output<T>[] => list ?? []);
}

/** Stored when present, null otherwise. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

export const simplifiedArtistSchema = z.object({
  id: z.string(),
  name: z.string(),
});

/** GET /v1/artists/{id}. */
export const artistSchema = simplifiedArtistSchema.extend({
  images: listOrEmpty(imageSchema),
  // Absent for development-mode apps since February 2026 (SPEC 5b); extended-quota apps get them.
  genres: z.array(z.string()).optional(),
  popularity: z.number().int().optional(),
  followers: z.object({ total: z.number().int() }).optional(),
});

export const simplifiedAlbumSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Album completion (SPEC 5) counts against it. */
  total_tracks: z.number().int(),
  /** "1983", "1983-06" or "1983-06-01" as Spotify gives it; its precision is not needed to store it. */
  release_date: optionalText,
  images: listOrEmpty(imageSchema),
  /** The album artist (first) keys the export's provisional album rows. */
  artists: z.array(simplifiedArtistSchema),
});

/** A track of an album's track list (GET /v1/albums/{id}). */
export const simplifiedTrackSchema = z.object({
  id: z.string(),
  name: z.string(),
  duration_ms: z.number().int(),
  artists: z.array(simplifiedArtistSchema),
});

/** GET /v1/tracks/{id}, a recently-played item's track, a playlist item. */
export const trackSchema = simplifiedTrackSchema.extend({
  album: simplifiedAlbumSchema,
});

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    // Read to page on (offset paging); `total` is absent from some 2026 responses.
    next: z.string().nullish(),
    total: z.number().int().optional(),
    // Not read by the product; optional so their absence never fails a read.
    href: z.string().optional(),
    limit: z.number().int().optional(),
    offset: z.number().int().optional(),
    previous: z.string().nullish(),
  });
}

/** GET /v1/albums/{id}: the album as a track's album, and its first page of tracks when sent. */
export const albumSchema = simplifiedAlbumSchema.extend({
  tracks: pageOf(simplifiedTrackSchema).optional(),
});

/** GET /v1/me: the id keys the user; name and picture are shown when present. */
export const meSchema = z.object({
  id: z.string(),
  display_name: z.string().nullish(),
  images: listOrEmpty(imageSchema),
});

/**
 * A file from the listener's own device: Spotify reports it with `is_local: true` and no ids
 * (track, album and artists all `null`). It is not stored, so nothing else of it is read.
 */
export const localTrackSchema = z.object({ is_local: z.literal(true) });

export const playHistoryItemSchema = z.object({
  // `is_local` decides whether the play is stored (a catalogue track) or passed over (a local file).
  track: z.discriminatedUnion("is_local", [trackSchema.extend({ is_local: z.literal(false) }), localTrackSchema]),
  played_at: z.iso.datetime({ offset: true }),
});

/** Spotify documents cursors as strings of Unix milliseconds; numbers are read the same way. */
const cursor = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === undefined || value === null ? null : String(value)));

/** GET /v1/me/player/recently-played. Only `items` is read; `context` (often null) is not. */
export const recentlyPlayedPageSchema = z.object({
  items: z.array(playHistoryItemSchema),
  next: z.string().nullish(),
  cursors: z.object({ after: cursor, before: cursor }).nullish(),
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
    // Always sent (null for entries added before Spotify kept the date): its absence is a broken answer.
    added_at: addedAtSchema,
    // `item` (2026) or `track` (before): null for an entry Spotify can no longer describe.
    item: playlistEntrySchema.nullable().optional(),
    track: playlistEntrySchema.nullable().optional(),
  })
  .transform(({ item, track, added_at }) => ({ added_at, item: item ?? track ?? null }));

export const playlistItemsPageSchema = offsetPageOf(playlistItemSchema);

/** POST /api/token (code exchange and refresh); `token_type` is always Bearer and not read. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
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
