/**
 * Rising and fading artists, rising tracks (SPEC 5c) over the trend counts
 * (lib/stats/trend-counts.ts). The thresholds are compared in integers, so the boundaries
 * (recent = 5, score = 2, score = 0.5, baseline / 6 = 5) hold exactly:
 *   score >= 2   <=>  6 (recent + 1) >= 2 (baseline + 6)   <=>  3 (recent + 1) >= baseline + 6
 *   score <= 0.5 <=>  6 (recent + 1) <= (baseline + 6) / 2  <=>  12 (recent + 1) <= baseline + 6
 */
import { Prisma } from "@/lib/db/generated/client";
import { toNumber } from "@/lib/stats/sql";
import { rankedJson } from "@/lib/stats/streamed";
import { scoreKey, scoreOf } from "@/lib/stats/trend-counts";
import type { TrendItem, TrendTrack } from "@/lib/stats/trend-types";

const X = Prisma.sql`x`;
const RISING = Prisma.sql`s.recent >= 5 AND 3 * (s.recent + 1) >= s.baseline + 6`;
const FADING = Prisma.sql`s.baseline >= 30 AND 12 * (s.recent + 1) <= s.baseline + 6`;
const BY_NAME = Prisma.sql`x.name COLLATE "C", x.id COLLATE "C"`;

/** Rising artists: score desc, recent desc, name, id. */
export function risingArtistsJson(limit: number): Prisma.Sql {
  return rankedJson(
    Prisma.sql`SELECT a.id, a.name, s.recent, s.baseline FROM artist_counts s JOIN artists a ON a.id = s.artist_id WHERE ${RISING}`,
    Prisma.sql`${scoreKey(X)} DESC, x.recent DESC, ${BY_NAME}`,
    limit,
    Prisma.sql`x.id, x.name, x.recent, x.baseline`,
  );
}

/** Fading artists: score asc, baseline desc, name, id. */
export function fadingArtistsJson(limit: number): Prisma.Sql {
  return rankedJson(
    Prisma.sql`SELECT a.id, a.name, s.recent, s.baseline FROM artist_counts s JOIN artists a ON a.id = s.artist_id WHERE ${FADING}`,
    Prisma.sql`${scoreKey(X)} ASC, x.baseline DESC, ${BY_NAME}`,
    limit,
    Prisma.sql`x.id, x.name, x.recent, x.baseline`,
  );
}

/** Rising tracks (order as rising artists), with their artists' names in credit order (looked up for the listed tracks only). */
export function risingTracksJson(limit: number): Prisma.Sql {
  return rankedJson(
    Prisma.sql`SELECT t.id, t.name, s.recent, s.baseline FROM track_counts s JOIN tracks t ON t.id = s.track_id WHERE ${RISING}`,
    Prisma.sql`${scoreKey(X)} DESC, x.recent DESC, ${BY_NAME}`,
    limit,
    Prisma.sql`x.id, x.name, x.recent, x.baseline,
      ARRAY(SELECT a.name FROM track_artists ta JOIN artists a ON a.id = ta.artist_id WHERE ta.track_id = x.id ORDER BY ta.position)`,
  );
}

type ItemRow = [id: string, name: string, recent: number, baseline: number];

export function toTrendItems(json: unknown): TrendItem[] {
  return (json as ItemRow[]).map(([id, name, recent, baseline]) => trendItem(id, name, toNumber(recent), toNumber(baseline)));
}

export function toTrendTracks(json: unknown): TrendTrack[] {
  return (json as [...ItemRow, string[]][]).map(([id, name, recent, baseline, artists]) => ({
    ...trendItem(id, name, toNumber(recent), toNumber(baseline)),
    artists,
  }));
}

function trendItem(id: string, name: string, recent: number, baseline: number): TrendItem {
  return { id, name, recent, baseline, score: scoreOf(recent, baseline) };
}
