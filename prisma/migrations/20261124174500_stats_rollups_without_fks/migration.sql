-- Rollup tables without foreign keys to stats_rollup_state (per-row checks cost a third of a
-- rebuild). Deleting a stats_rollup_state row, directly or through its user, still deletes the
-- user's rollup rows, and truncating it (TRUNCATE users CASCADE) truncates them, through the
-- triggers below.
-- Statements here must not contain a semicolon other than their terminator (the migration
-- runner splits the script on semicolons): the function body writes them as the escape \073.

-- DropForeignKey
ALTER TABLE "stats_days" DROP CONSTRAINT IF EXISTS "stats_days_user_id_fkey";
ALTER TABLE "stats_hour_buckets" DROP CONSTRAINT IF EXISTS "stats_hour_buckets_user_id_fkey";
ALTER TABLE "stats_track_buckets" DROP CONSTRAINT IF EXISTS "stats_track_buckets_user_id_fkey";
ALTER TABLE "stats_track_first_streams" DROP CONSTRAINT IF EXISTS "stats_track_first_streams_user_id_fkey";
ALTER TABLE "stats_sessions" DROP CONSTRAINT IF EXISTS "stats_sessions_user_id_fkey";
ALTER TABLE "stats_artist_days" DROP CONSTRAINT IF EXISTS "stats_artist_days_user_id_fkey";
ALTER TABLE "stats_artist_runs" DROP CONSTRAINT IF EXISTS "stats_artist_runs_user_id_fkey";

-- CreateFunction
CREATE OR REPLACE FUNCTION "stats_rollup_state_cascade"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM stats_days WHERE user_id = OLD.user_id\073
  DELETE FROM stats_hour_buckets WHERE user_id = OLD.user_id\073
  DELETE FROM stats_track_buckets WHERE user_id = OLD.user_id\073
  DELETE FROM stats_track_first_streams WHERE user_id = OLD.user_id\073
  DELETE FROM stats_sessions WHERE user_id = OLD.user_id\073
  DELETE FROM stats_artist_days WHERE user_id = OLD.user_id\073
  DELETE FROM stats_artist_runs WHERE user_id = OLD.user_id\073
  RETURN NULL\073
END';

-- CreateTrigger
CREATE TRIGGER "stats_rollup_state_cascade" AFTER DELETE ON "stats_rollup_state"
  FOR EACH ROW EXECUTE FUNCTION "stats_rollup_state_cascade"();

-- CreateFunction
CREATE OR REPLACE FUNCTION "stats_rollup_state_truncate"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  TRUNCATE stats_days, stats_hour_buckets, stats_track_buckets, stats_track_first_streams, stats_sessions, stats_artist_days, stats_artist_runs\073
  RETURN NULL\073
END';

-- CreateTrigger
CREATE TRIGGER "stats_rollup_state_truncate" AFTER TRUNCATE ON "stats_rollup_state"
  FOR EACH STATEMENT EXECUTE FUNCTION "stats_rollup_state_truncate"();
