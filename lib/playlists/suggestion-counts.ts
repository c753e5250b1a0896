import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import { DAY_MS, figuresChangeAt, OFTEN_SKIPPED_MIN_PLAYS, OFTEN_SKIPPED_SHARE, RARELY_PLAYED_MIN_AGE_DAYS } from "./suggestions";
import { nextPlay, windowFigures } from "./track-windows";

/** Suggestion counts per version id, and the first instant after `now` at which time alone would change one. */
export type SuggestionCounts = {
  byVersion: Map<bigint, number>;
  /** figuresChangeAt (suggestions.ts), or an entry reaching 60 days since it was added if sooner. */
  changesAt: number;
};

/**
 * How many entries of each of the user's shown playlists (listed, readable, latest version) have
 * a suggestion at `now`: suggestionFor's rule, counted in the database so that a list of
 * hundreds of playlists never ships their entries (the tests hold it equal to the per-track rule).
 * With `versionIds` (the shown versions of one page of the list), those versions only: the cost
 * follows the page, not the whole library.
 */
export async function suggestionCounts(db: Pick<Db, "$queryRaw">, userId: string, now: Date, versionIds?: bigint[]): Promise<SuggestionCounts> {
  if (versionIds?.length === 0) return { byVersion: new Map(), changesAt: Infinity };
  const track = Prisma.sql`t.track_id`;
  const addedBy = new Date(now.getTime() - RARELY_PLAYED_MIN_AGE_DAYS * DAY_MS);
  const rows = await db.$queryRaw<{ version_id: bigint; suggestions: number; first_365d: Date | null; first_stream_90d: Date | null; next_play: Date | null; next_added: Date | null }[]>`
    WITH latest AS (${
      versionIds
        ? Prisma.sql`SELECT v.id AS version_id FROM playlist_versions v WHERE v.user_id = ${userId} AND v.id = ANY(${versionIds.map(String)}::bigint[])`
        : Prisma.sql`
      SELECT DISTINCT ON (v.playlist_id) v.id AS version_id
      FROM playlist_versions v
      JOIN playlists p ON p.user_id = v.user_id AND p.playlist_id = v.playlist_id
      WHERE v.user_id = ${userId} AND p.list_position IS NOT NULL AND p.unreadable IS NULL
      ORDER BY v.playlist_id, v.collected_at DESC, v.id DESC`
    }),
    entries AS (
      SELECT e.version_id, e.track_id, e.added_at FROM playlist_entries e JOIN latest l ON l.version_id = e.version_id WHERE e.track_id IS NOT NULL
    ),
    figures AS (
      SELECT t.track_id, w.streams_90d, w.known_365d, w.short_365d, w.first_365d, w.first_stream_90d, next.played_at AS next_play
      FROM (SELECT DISTINCT track_id FROM entries) t
      CROSS JOIN LATERAL ${windowFigures(userId, track, now)} w
      LEFT JOIN LATERAL ${nextPlay(userId, track, now)} next ON true
    ),
    horizon AS (
      SELECT min(first_365d) AS first_365d, min(first_stream_90d) AS first_stream_90d, min(next_play) AS next_play,
        (SELECT min(added_at) FROM entries WHERE added_at > ${addedBy}::timestamptz) AS next_added
      FROM figures
    )
    SELECT e.version_id, count(*) FILTER (WHERE
        (f.known_365d >= ${OFTEN_SKIPPED_MIN_PLAYS} AND f.short_365d * ${OFTEN_SKIPPED_SHARE.denominator} >= f.known_365d * ${OFTEN_SKIPPED_SHARE.numerator})
        OR ((e.added_at IS NULL OR e.added_at <= ${addedBy}::timestamptz) AND f.streams_90d = 0)
      )::int AS suggestions,
      h.first_365d, h.first_stream_90d, h.next_play, h.next_added
    FROM entries e JOIN figures f ON f.track_id = e.track_id CROSS JOIN horizon h
    GROUP BY e.version_id, h.first_365d, h.first_stream_90d, h.next_play, h.next_added`;
  const [horizon] = rows;
  // An entry added at a counts as added long ago from now = a + 60 days.
  const changesAt = horizon
    ? Math.min(
        figuresChangeAt({ first365d: horizon.first_365d, firstStream90d: horizon.first_stream_90d, nextPlay: horizon.next_play }),
        horizon.next_added ? horizon.next_added.getTime() + RARELY_PLAYED_MIN_AGE_DAYS * DAY_MS : Infinity,
      )
    : Infinity;
  return { byVersion: new Map(rows.map((row) => [row.version_id, row.suggestions])), changesAt };
}
