/**
 * The trends contract of SPEC section 5c: the filter (a user and an instant, no range) and the
 * exact JSON shape of `report --trends --json` and `GET /api/trends`.
 */
import type { IsoInstant, LocalDate } from "@/lib/stats/types";

export type TrendsFilter = {
  /** users.id (not the Spotify id). */
  userId: string;
  /** IANA zone of the local dates. */
  timeZone: string;
  /** D is the local date of this instant. */
  now: Date;
  /** Length of every list. */
  limit: number;
};

export type TrendItem = { id: string; name: string; recent: number; baseline: number; score: number };
export type TrendTrack = TrendItem & { artists: string[] };
export type Rediscovery = { id: string; name: string; recent: number; lastBefore: LocalDate; gapDays: number };
export type UnusualDay = { date: LocalDate; minutes: number; baselineMedian: number; z: number };

export type Trends = {
  now: IsoInstant;
  recent: { from: LocalDate; to: LocalDate };
  risingArtists: TrendItem[];
  fadingArtists: TrendItem[];
  risingTracks: TrendTrack[];
  rediscoveries: Rediscovery[];
  unusualDays: UnusualDay[];
};
