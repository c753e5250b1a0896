/*
  Warnings:

  - You are about to drop the `stats_hours` table. If the table is not empty, all the data it contains will be lost.
  - Added the required column `days` to the `stats_artist_runs` table without a default value. This is not possible if the table is not empty.

*/
-- Rollups change shape (hour buckets, run lengths, session totals): drop every user's rollups.
-- Reports read raw plays (exact) until the next refreshRollups/rebuildRollups rebuilds them.
DELETE FROM "stats_rollup_state";

-- DropForeignKey
ALTER TABLE "stats_hours" DROP CONSTRAINT "stats_hours_user_id_fkey";

-- AlterTable
ALTER TABLE "stats_artist_runs" ADD COLUMN     "days" INTEGER NOT NULL;

-- AlterTable
ALTER TABLE "stats_rollup_state" ADD COLUMN     "session_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "session_ms" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "session_plays" BIGINT NOT NULL DEFAULT 0;

-- DropTable
DROP TABLE "stats_hours";

-- CreateTable
CREATE TABLE "stats_hour_buckets" (
    "user_id" TEXT NOT NULL,
    "grain" CHAR(1) NOT NULL,
    "bucket" DATE NOT NULL,
    "isodow" SMALLINT NOT NULL,
    "hour" SMALLINT NOT NULL,
    "streams" INTEGER NOT NULL,

    CONSTRAINT "stats_hour_buckets_pkey" PRIMARY KEY ("user_id","grain","bucket","isodow","hour")
);

-- CreateIndex
CREATE INDEX "stats_artist_runs_user_id_artist_id_days_first_date_idx" ON "stats_artist_runs"("user_id", "artist_id", "days" DESC, "first_date");

-- CreateIndex
CREATE INDEX "stats_sessions_user_id_ms_start_at_idx" ON "stats_sessions"("user_id", "ms" DESC, "start_at");

-- AddForeignKey
ALTER TABLE "stats_hour_buckets" ADD CONSTRAINT "stats_hour_buckets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "stats_rollup_state"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;
