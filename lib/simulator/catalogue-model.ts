// The simulator's own catalogue records. Spotify-shaped JSON is rendered from these by
// `spotify-objects.ts`; the demo's data-export generator reads them directly.

export interface SimArtist {
  id: string;
  name: string;
  /** Some artists have several genres, some none (Spotify leaves unclassified ones empty). */
  genres: string[];
  popularity: number;
  followers: number;
}

export type SimAlbumType = "album" | "single" | "compilation";

export interface SimAlbum {
  id: string;
  name: string;
  albumType: SimAlbumType;
  /** Album artists in credit order. */
  artistIds: string[];
  releaseDate: string;
  releaseDatePrecision: "year" | "month" | "day";
  trackIds: string[];
  label: string;
  popularity: number;
}

export interface SimTrack {
  id: string;
  name: string;
  albumId: string;
  /** Credited artists in order: the main artist first, then featured ones. */
  artistIds: string[];
  durationMs: number;
  explicit: boolean;
  discNumber: number;
  trackNumber: number;
  popularity: number;
  isrc: string;
}

export interface Catalogue {
  seed: string;
  artists: SimArtist[];
  albums: SimAlbum[];
  tracks: SimTrack[];
  artistById: Map<string, SimArtist>;
  albumById: Map<string, SimAlbum>;
  trackById: Map<string, SimTrack>;
  /** Albums on which the artist is an album artist. */
  albumsByArtist: Map<string, SimAlbum[]>;
  /** Artists carrying each genre. */
  artistsByGenre: Map<string, SimArtist[]>;
}

/** One listening event: `playedAt` is the end of playback, as Spotify reports it. */
export interface SimPlay {
  trackId: string;
  playedAt: Date;
  msPlayed: number;
  /** Album the listener was playing through, when the play was part of one. */
  contextAlbumId?: string;
  /** Played from a file on the listener's device: Spotify reports it without any ids. */
  localFile?: boolean;
}
