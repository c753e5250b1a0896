/**
 * The statistics contract of SPEC section 5: the filter every statistic takes and the exact
 * JSON shape of the report (`npm run report -- --json`, `GET /api/stats`).
 */

/** Which plays a statistic looks at, and how it sees time. */
export type StatsFilter = {
  /** users.id (not the Spotify id). */
  userId: string;
  /** Inclusive lower bound of playedAt; null = no bound. */
  from: Date | null;
  /** Exclusive upper bound of playedAt; null = no bound. */
  to: Date | null;
  /** IANA zone for local dates, weekdays and hours. */
  timeZone: string;
  /** Length of every ranked list. */
  limit: number;
  /** "Now" for the current streak (plays after it are ignored there). */
  now: Date;
  /** What ranked lists lead with: streams (SPEC §5, the default) or time listened (the dashboard's "by time"). */
  rankBy?: RankBy;
};

export type RankBy = "streams" | "time";

export const DEFAULT_LIMIT = 10;

/** Local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;
/** ISO 8601 UTC instant with milliseconds, `2025-03-01T12:00:00.000Z`. */
export type IsoInstant = string;

export type ReportUser = { spotifyId: string; displayName: string | null; timeZone: string };

export type Totals = {
  plays: number;
  streams: number;
  msListened: number;
  uniqueTracks: number;
  uniqueArtists: number;
  uniqueAlbums: number;
  newArtists: number;
};

export type RankedArtist = { id: string; name: string; streams: number; msListened: number };
export type RankedTrack = { id: string; name: string; artists: string[]; streams: number; msListened: number };
export type RankedAlbum = { id: string; name: string; streams: number; msListened: number };
export type RankedGenre = { name: string; streams: number; msListened: number };

export type Streak = { days: number; start: LocalDate | null; end: LocalDate | null };
export type ArtistStreak = { id: string; name: string; days: number; start: LocalDate; end: LocalDate };
export type Streaks = { longest: Streak; current: Streak; artists: ArtistStreak[] };

export type AlbumCompletionEntry = {
  id: string;
  name: string;
  distinctTracks: number;
  totalTracks: number;
  completion: number;
  streams: number;
};
export type AlbumCompletion = {
  completedAlbums: number;
  meanCompletion: number | null;
  albums: AlbumCompletionEntry[];
};

export type Session = { start: IsoInstant; end: IsoInstant; plays: number; ms: number };
export type Sessions = { count: number; meanPlays: number | null; meanMs: number | null; longest: Session | null };

/** heatmap[d][h]: streams on ISO weekday d+1 (Monday first) at local hour h. */
export type Heatmap = number[][];

export type TimelineEntry = { date: LocalDate; streams: number; msListened: number };

export type Report = {
  user: ReportUser;
  range: { from: IsoInstant | null; to: IsoInstant | null };
  totals: Totals;
  topArtists: RankedArtist[];
  topTracks: RankedTrack[];
  topAlbums: RankedAlbum[];
  topGenres: RankedGenre[];
  streaks: Streaks;
  albumCompletion: AlbumCompletion;
  sessions: Sessions;
  heatmap: Heatmap;
  skipRate: number | null;
  timeline: TimelineEntry[];
};
