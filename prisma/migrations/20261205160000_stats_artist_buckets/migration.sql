-- Per user, artist and local month, year and all time: the streams of the tracks crediting the
-- artist (once per distinct credited artist), so the artist report and the followed artists'
-- months read one row per artist and bucket instead of one per track and bucket.
-- No foreign keys (like the other rollup tables): the triggers on stats_rollup_state remove the
-- rows. Statements here must not contain a semicolon other than their terminator (the migration
-- runner splits the script on semicolons): the function bodies write them as the escape \073.

-- CreateTable
CREATE TABLE "stats_artist_buckets" (
    "user_id" TEXT NOT NULL,
    "grain" CHAR(1) NOT NULL,
    "bucket" DATE NOT NULL,
    "artist_id" TEXT NOT NULL,
    "streams" INTEGER NOT NULL,
    "ms" BIGINT NOT NULL,

    CONSTRAINT "stats_artist_buckets_pkey" PRIMARY KEY ("user_id","grain","bucket","artist_id")
);

-- CreateIndex
CREATE INDEX "stats_artist_buckets_user_id_artist_id_grain_bucket_idx" ON "stats_artist_buckets"("user_id", "artist_id", "grain", "bucket");

-- Backfill from the track month buckets of rollups built before this table existed (each
-- artist credited on a track once), then years from months and all time from years.
INSERT INTO "stats_artist_buckets" ("user_id", "grain", "bucket", "artist_id", "streams", "ms")
SELECT b."user_id", 'm', b."bucket", c."artist_id", sum(b."streams"), sum(b."ms")
FROM "stats_track_buckets" b JOIN (SELECT DISTINCT "track_id", "artist_id" FROM "track_artists") c ON c."track_id" = b."track_id"
WHERE b."grain" = 'm'
GROUP BY b."user_id", b."bucket", c."artist_id"
ORDER BY b."user_id", b."bucket";

INSERT INTO "stats_artist_buckets" ("user_id", "grain", "bucket", "artist_id", "streams", "ms")
SELECT "user_id", 'y', date_trunc('year', "bucket"::timestamp)::date, "artist_id", sum("streams"), sum("ms")
FROM "stats_artist_buckets" WHERE "grain" = 'm'
GROUP BY 1, 3, 4;

INSERT INTO "stats_artist_buckets" ("user_id", "grain", "bucket", "artist_id", "streams", "ms")
SELECT "user_id", 'a', DATE '0001-01-01', "artist_id", sum("streams"), sum("ms")
FROM "stats_artist_buckets" WHERE "grain" = 'y'
GROUP BY 1, 4;

-- CreateFunction (the cascade of stats_rollup_state now includes the new table)
CREATE OR REPLACE FUNCTION "stats_rollup_state_cascade"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM stats_days WHERE user_id = OLD.user_id\073
  DELETE FROM stats_hour_buckets WHERE user_id = OLD.user_id\073
  DELETE FROM stats_track_buckets WHERE user_id = OLD.user_id\073
  DELETE FROM stats_track_first_streams WHERE user_id = OLD.user_id\073
  DELETE FROM stats_sessions WHERE user_id = OLD.user_id\073
  DELETE FROM stats_artist_days WHERE user_id = OLD.user_id\073
  DELETE FROM stats_artist_runs WHERE user_id = OLD.user_id\073
  DELETE FROM stats_artist_firsts WHERE user_id = OLD.user_id\073
  DELETE FROM stats_artist_buckets WHERE user_id = OLD.user_id\073
  RETURN NULL\073
END';

-- CreateFunction
CREATE OR REPLACE FUNCTION "stats_rollup_state_truncate"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  TRUNCATE stats_days, stats_hour_buckets, stats_track_buckets, stats_track_first_streams, stats_sessions, stats_artist_days, stats_artist_runs, stats_artist_firsts, stats_artist_buckets\073
  RETURN NULL\073
END';
