/**
 * The artist report of SPEC 5c (`report --artist ID`, GET /api/artists/{id}): one artist's streams
 * in the range (tracks that credit the artist), its rank and share among all of the range's
 * streams, its first and last stream of all time, its months, top tracks and albums, and its
 * longest streak. Figures read the rollups where the plan allows (artist and track buckets, day
 * rows, artist runs), raw plays otherwise; first and last streams are two index probes per
 * credited track.
 *
 * The catalogue is shared by every user: an artist the user never played (not even a short play)
 * is "not found" exactly like an unknown id, so nobody learns what others play.
 */
import { Prisma } from "@/lib/db/generated/client";
import { artistMonthsJson, toArtistMonths, type ArtistMonth } from "@/lib/stats/artistMonths";
import { planStats, type StatsPlan } from "@/lib/stats/plan";
import { UnknownUserError } from "@/lib/stats/report";
import { IS_STREAM, playedAtBounds, toNumber, type StatsDb } from "@/lib/stats/sql";
import { artistStreams, FIRST_CREDIT, rolledUpStreamTotal, trackStreams } from "@/lib/stats/sources";
import { queryJson, rankedJson, rankedOrder } from "@/lib/stats/streamed";
import { toStreak } from "@/lib/stats/streaks";
import type { IsoInstant, RankedAlbum, ReportUser, StatsFilter, Streak } from "@/lib/stats/types";

export type ArtistReport = {
  user: ReportUser;
  range: { from: IsoInstant | null; to: IsoInstant | null };
  artist: { id: string; name: string; genres: string[]; imageUrl: string | null };
  totals: {
    streams: number;
    msListened: number;
    uniqueTracks: number;
    /** 1-based position in the range's full topArtists ranking; null without streams in the range. */
    rank: number | null;
    /** The artist's streams / all streams of the range; null without streams in the range. */
    share: number | null;
    /** First and last stream of all time (independent of the range). */
    firstStream: IsoInstant | null;
    lastStream: IsoInstant | null;
  };
  months: ArtistMonth[];
  topTracks: RankedItem[];
  topAlbums: RankedItem[];
  longestStreak: Streak;
};

type RankedItem = RankedAlbum;
type RankedRow = [id: string, name: string, streams: number, ms: number];

export type ArtistRow = { id: string; name: string; genres: string[]; image_url: string | null };

/** The artist `a`, when the user has at least one play of a track crediting it. */
function playedBy(userId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM track_artists ta JOIN plays p ON p.user_id = ${userId} AND p.track_id = ta.track_id WHERE ta.artist_id = a.id)`;
}

/**
 * The artist page's first question, asked before any figure: the artist when the user played it,
 * else null (the 404; the catalogue is shared, so an artist never played is no artist here).
 */
export async function playedArtist(db: StatsDb, userId: string, artistId: string): Promise<ArtistRow | null> {
  const rows = await db.$queryRaw<ArtistRow[]>`
    SELECT a.id, a.name, a.genres, a.image_url FROM artists a WHERE a.id = ${artistId} AND ${playedBy(userId)}`;
  return rows[0] ?? null;
}

/** playedArtist as a JSON object (null when not played), and the user's names (null without such a user). */
function userAndArtistJson(userId: string, artistId: string): Prisma.Sql[] {
  return [
    Prisma.sql`SELECT json_build_object('spotifyId', u.spotify_id, 'displayName', u.display_name) FROM users u WHERE u.id = ${userId}`,
    Prisma.sql`SELECT json_build_object('id', a.id, 'name', a.name, 'genres', a.genres, 'image_url', a.image_url) FROM artists a WHERE a.id = ${artistId} AND ${playedBy(userId)}`,
  ];
}

/** The tracks crediting the artist (an artist credited twice on a track: once). */
function creditedTracks(artistId: string): Prisma.Sql {
  return Prisma.sql`SELECT ta.track_id FROM track_artists ta WHERE ta.artist_id = ${artistId}`;
}

/**
 * The CTEs the figures of the range's streams read: mine (streams per track crediting the
 * artist, with the track's name and album), me (their totals, with the artist's name and id),
 * artist_streams (every artist's streams of the range, each credited artist once per stream:
 * rank) and all_streams (every stream of the range: share). Where the rollups answer,
 * artist_streams reads the artist buckets, all_streams the hour buckets and day rows
 * (lib/stats/sources.ts) and mine the buckets of the artist's tracks only; else one pass over
 * the range's plays per track (ts) gives them all.
 */
function rangeCtes(filter: StatsFilter, plan: StatsPlan, artistId: string): Prisma.Sql {
  const me = Prisma.sql`
    me AS MATERIALIZED (
      SELECT COALESCE(sum(mine.streams), 0)::bigint AS streams, COALESCE(sum(mine.ms), 0)::bigint AS ms, count(mine.track_id)::bigint AS tracks, a.name, a.id
      FROM artists a LEFT JOIN mine ON true WHERE a.id = ${artistId} GROUP BY a.name, a.id
    )`;
  if (plan.days) {
    return Prisma.sql`
      mine AS MATERIALIZED (
        SELECT m.track_id, m.streams, m.ms, t.name, t.album_id
        FROM (${trackStreams(filter, plan, Prisma.sql`ARRAY(SELECT DISTINCT ta.track_id FROM track_artists ta WHERE ta.artist_id = ${artistId})`)}) m
          JOIN tracks t ON t.id = m.track_id
      ),
      ${me},
      artist_streams AS (${artistStreams(filter.userId, plan.days)}),
      all_streams AS (${rolledUpStreamTotal(filter.userId, plan.days)})`;
  }
  return Prisma.sql`
    ts AS MATERIALIZED (${trackStreams(filter, plan)}),
    mine AS MATERIALIZED (
      SELECT ts.track_id, ts.streams, ts.ms, t.name, t.album_id
      FROM ts JOIN tracks t ON t.id = ts.track_id WHERE ts.track_id IN (${creditedTracks(artistId)})
    ),
    ${me},
    artist_streams AS (
      SELECT c.artist_id, sum(ts.streams) AS streams, sum(ts.ms) AS ms
      FROM ts JOIN track_artists c ON c.track_id = ts.track_id
      WHERE ${FIRST_CREDIT}
      GROUP BY c.artist_id
    ),
    all_streams AS (SELECT COALESCE(sum(ts.streams), 0) AS streams FROM ts)`;
}

/** Streams, ms and distinct tracks of the artist in the range, and all streams of the range. */
const ARTIST_TOTALS_JSON = Prisma.sql`SELECT json_build_array(me.streams, me.ms, me.tracks, (SELECT all_streams.streams FROM all_streams)) FROM me`;

/**
 * 1 + the artists ranked before this one in the full topArtists order of the range (the same
 * order as topArtistsJson: streams or time first, then the other, name, id), over
 * artist_streams.
 */
function artistRankJson(filter: StatsFilter): Prisma.Sql {
  const [first, second] = filter.rankBy === "time" ? [Prisma.sql`ms`, Prisma.sql`streams`] : [Prisma.sql`streams`, Prisma.sql`ms`];
  const column = (alias: string, name: Prisma.Sql) => Prisma.sql`${Prisma.raw(alias)}.${name}`;
  return Prisma.sql`
    SELECT 1 + count(*)
    FROM artist_streams s JOIN artists a ON a.id = s.artist_id, me
    WHERE ${column("s", first)} > ${column("me", first)}
       OR (${column("s", first)} = ${column("me", first)} AND ${column("s", second)} > ${column("me", second)})
       OR (${column("s", first)} = ${column("me", first)} AND ${column("s", second)} = ${column("me", second)}
           AND (a.name COLLATE "C" < me.name COLLATE "C" OR (a.name COLLATE "C" = me.name COLLATE "C" AND a.id COLLATE "C" < me.id COLLATE "C")))`;
}

/** The artist's top tracks and albums in the range (over its tracks' streams, mine). */
function artistTopTracksJson(filter: StatsFilter): Prisma.Sql {
  return rankedJson(
    Prisma.sql`SELECT mine.track_id AS id, mine.name, mine.streams, mine.ms FROM mine`,
    rankedOrder(filter, Prisma.sql`x.name COLLATE "C", x.id COLLATE "C"`),
    filter.limit,
    Prisma.sql`x.id, x.name, x.streams, x.ms`,
  );
}

/** The albums of the artist's streamed tracks, over those tracks' streams only. */
function artistTopAlbumsJson(filter: StatsFilter): Prisma.Sql {
  return rankedJson(
    Prisma.sql`
      SELECT al.id, al.name, sum(mine.streams)::bigint AS streams, sum(mine.ms)::bigint AS ms
      FROM mine JOIN albums al ON al.id = mine.album_id
      GROUP BY al.id, al.name`,
    rankedOrder(filter, Prisma.sql`x.name COLLATE "C", x.id COLLATE "C"`),
    filter.limit,
    Prisma.sql`x.id, x.name, x.streams, x.ms`,
  );
}

/** First and last stream of all time (epoch ms): per credited track, one index probe each way. */
function firstLastStreamJson(filter: StatsFilter, artistId: string): Prisma.Sql {
  const probe = (direction: Prisma.Sql) => Prisma.sql`(
    SELECT p.played_at FROM plays p WHERE p.user_id = ${filter.userId} AND p.track_id = c.track_id AND ${IS_STREAM}
    ORDER BY p.played_at ${direction} LIMIT 1)`;
  return Prisma.sql`
    SELECT json_build_array((extract(epoch FROM min(x.first_at)) * 1000)::bigint, (extract(epoch FROM max(x.last_at)) * 1000)::bigint)
    FROM (SELECT DISTINCT ta.track_id FROM track_artists ta WHERE ta.artist_id = ${artistId}) c
    CROSS JOIN LATERAL (SELECT ${probe(Prisma.sql`ASC`)} AS first_at, ${probe(Prisma.sql`DESC`)} AS last_at) x`;
}

/**
 * The artist's rolled-up runs that can be its longest in the local dates [from, to), cut to
 * them, by index probes rather than a scan of all its runs: the run across `from`; the runs
 * starting in [from, to) (a bounded range of the primary key); without `from`, the longest run
 * ending before `to` (the index on days) and the run across `to`.
 */
function candidateRuns(filter: StatsFilter, days: NonNullable<StatsPlan["days"]>, artistId: string): Prisma.Sql {
  const { userId } = filter;
  const cutFirst = days.from ? Prisma.sql`greatest(r.first_date, ${days.from}::date)` : Prisma.sql`r.first_date`;
  const cutLast = days.to ? Prisma.sql`least(r.last_date, ${days.to}::date - 1)` : Prisma.sql`r.last_date`;
  const endsBefore = days.to ? Prisma.sql`AND r.first_date < ${days.to}::date` : Prisma.empty;
  /** The artist's last run starting before `bound`, when it reaches `bound` (at most one run does). */
  const across = (bound: string) => Prisma.sql`
    SELECT ${cutFirst}, ${cutLast} FROM (
      SELECT r0.first_date, r0.last_date FROM stats_artist_runs r0
      WHERE r0.user_id = ${userId} AND r0.artist_id = ${artistId} AND r0.first_date < ${bound}::date
      ORDER BY r0.first_date DESC LIMIT 1) r
    WHERE r.last_date >= ${bound}::date ${endsBefore}`;
  if (days.from) {
    return Prisma.sql`
      (${across(days.from)})
      UNION ALL
      SELECT ${cutFirst}, ${cutLast} FROM stats_artist_runs r
      WHERE r.user_id = ${userId} AND r.artist_id = ${artistId} AND r.first_date >= ${days.from}::date ${endsBefore}`;
  }
  const longest = Prisma.sql`
    (SELECT r.first_date, r.last_date FROM stats_artist_runs r
     WHERE r.user_id = ${userId} AND r.artist_id = ${artistId} ${days.to ? Prisma.sql`AND r.last_date < ${days.to}::date` : Prisma.empty}
     ORDER BY r.days DESC, r.first_date LIMIT 1)`;
  return days.to ? Prisma.sql`${longest} UNION ALL (${across(days.to)})` : longest;
}

/**
 * The longest run of local dates with a stream of the artist in the range (earliest on ties):
 * the artist's rolled-up runs cut to the range when the plan allows, else islands of its stream
 * dates from plays.
 */
function artistLongestStreakJson(filter: StatsFilter, plan: StatsPlan, artistId: string): Prisma.Sql {
  const runs = plan.days
    ? candidateRuns(filter, plan.days, artistId)
    : Prisma.sql`
      SELECT min(local_date) AS first_date, max(local_date) AS last_date
      FROM (
        SELECT local_date, local_date - (row_number() OVER (ORDER BY local_date))::int AS island
        FROM (
          SELECT DISTINCT (p.played_at AT TIME ZONE ${filter.timeZone})::date AS local_date
          FROM plays p
          WHERE p.user_id = ${filter.userId} AND p.track_id IN (${creditedTracks(artistId)}) AND ${IS_STREAM}
            ${playedAtBounds(Prisma.sql`p.played_at`, filter.from, filter.to)}
        ) stream_days
      ) islands
      GROUP BY island`;
  return Prisma.sql`
    SELECT json_build_array(last_date - first_date + 1, to_char(first_date, 'YYYY-MM-DD'), to_char(last_date, 'YYYY-MM-DD'))
    FROM (${runs}) runs(first_date, last_date) ORDER BY last_date - first_date DESC, first_date LIMIT 1`;
}

function toRanked(json: unknown): RankedItem[] {
  return (json as RankedRow[]).map(([id, name, streams, ms]) => ({ id, name, streams: toNumber(streams), msListened: toNumber(ms) }));
}

function toInstant(epochMs: unknown): IsoInstant | null {
  return epochMs === null || epochMs === undefined ? null : new Date(toNumber(epochMs)).toISOString();
}

/** The artist report, or null when the user has no play of the artist (or no such artist exists). */
export async function getArtistReport(db: StatsDb, filter: StatsFilter, artistId: string): Promise<ArtistReport | null> {
  const plan = await planStats(db, filter);
  // Two statements on two connections: the figures of the range's streams per track (rank needs
  // every artist's), and the user, the artist (when played: else the figures are discarded),
  // its months, first/last stream and longest streak.
  const [[totals, rank, topTracks, topAlbums], [userJson, artistJson, months, firstLast, longest]] = await Promise.all([
    queryJson(db, [ARTIST_TOTALS_JSON, artistRankJson(filter), artistTopTracksJson(filter), artistTopAlbumsJson(filter)], rangeCtes(filter, plan, artistId)),
    queryJson(db, [
      ...userAndArtistJson(filter.userId, artistId),
      artistMonthsJson(filter, plan, [artistId]),
      firstLastStreamJson(filter, artistId),
      artistLongestStreakJson(filter, plan, artistId),
    ]),
  ]);
  const user = userJson as { spotifyId: string; displayName: string | null } | null;
  const artist = artistJson as ArtistRow | null;
  if (!user) throw new UnknownUserError(`no user with id ${filter.userId}`);
  if (!artist) return null;
  const [streams, ms, uniqueTracks, allStreams] = (totals as unknown[]).map(toNumber);
  const [firstStream, lastStream] = firstLast as [unknown, unknown];
  return {
    user: { spotifyId: user.spotifyId, displayName: user.displayName, timeZone: filter.timeZone },
    range: { from: filter.from?.toISOString() ?? null, to: filter.to?.toISOString() ?? null },
    artist: { id: artist.id, name: artist.name, genres: artist.genres, imageUrl: artist.image_url },
    totals: {
      streams,
      msListened: ms,
      uniqueTracks,
      rank: streams > 0 && rank !== null ? toNumber(rank) : null,
      share: streams > 0 && allStreams > 0 ? streams / allStreams : null,
      firstStream: toInstant(firstStream),
      lastStream: toInstant(lastStream),
    },
    months: toArtistMonths((months as Record<string, unknown>)[artistId]),
    topTracks: toRanked(topTracks),
    topAlbums: toRanked(topAlbums),
    longestStreak: toStreak(longest ?? null),
  };
}
