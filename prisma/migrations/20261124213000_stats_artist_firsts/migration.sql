-- Per user and artist, the first local date with a stream crediting the artist: new artists of
-- a range become one lookup per artist instead of a probe into the artist's runs.
-- Statements here must not contain a semicolon other than their terminator (the migration
-- runner splits the script on semicolons): the function bodies write them as the escape \073.

-- CreateTable
CREATE TABLE "stats_artist_firsts" (
    "user_id" TEXT NOT NULL,
    "artist_id" TEXT NOT NULL,
    "first_date" DATE NOT NULL,

    CONSTRAINT "stats_artist_firsts_pkey" PRIMARY KEY ("user_id","artist_id")
);

-- Backfill from the runs of rollups built before this table existed.
INSERT INTO "stats_artist_firsts" ("user_id", "artist_id", "first_date")
SELECT "user_id", "artist_id", min("first_date") FROM "stats_artist_runs" GROUP BY "user_id", "artist_id";

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
  RETURN NULL\073
END';

-- CreateFunction
CREATE OR REPLACE FUNCTION "stats_rollup_state_truncate"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  TRUNCATE stats_days, stats_hour_buckets, stats_track_buckets, stats_track_first_streams, stats_sessions, stats_artist_days, stats_artist_runs, stats_artist_firsts\073
  RETURN NULL\073
END';
