-- CreateTable
CREATE TABLE "stats_rollup_state" (
    "user_id" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stats_rollup_state_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "stats_days" (
    "user_id" TEXT NOT NULL,
    "local_date" DATE NOT NULL,
    "plays" INTEGER NOT NULL,
    "streams" INTEGER NOT NULL,
    "ms_all" BIGINT NOT NULL,
    "ms_streams" BIGINT NOT NULL,
    "known_ms_plays" INTEGER NOT NULL,
    "short_plays" INTEGER NOT NULL,

    CONSTRAINT "stats_days_pkey" PRIMARY KEY ("user_id","local_date")
);

-- CreateTable
CREATE TABLE "stats_hours" (
    "user_id" TEXT NOT NULL,
    "local_date" DATE NOT NULL,
    "hour" SMALLINT NOT NULL,
    "streams" INTEGER NOT NULL,

    CONSTRAINT "stats_hours_pkey" PRIMARY KEY ("user_id","local_date","hour")
);

-- CreateTable
CREATE TABLE "stats_track_buckets" (
    "user_id" TEXT NOT NULL,
    "grain" CHAR(1) NOT NULL,
    "bucket" DATE NOT NULL,
    "track_id" TEXT NOT NULL,
    "streams" INTEGER NOT NULL,
    "ms" BIGINT NOT NULL,

    CONSTRAINT "stats_track_buckets_pkey" PRIMARY KEY ("user_id","grain","bucket","track_id")
);

-- CreateTable
CREATE TABLE "stats_track_first_streams" (
    "user_id" TEXT NOT NULL,
    "track_id" TEXT NOT NULL,
    "first_stream_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stats_track_first_streams_pkey" PRIMARY KEY ("user_id","track_id")
);

-- CreateTable
CREATE TABLE "stats_sessions" (
    "user_id" TEXT NOT NULL,
    "start_at" TIMESTAMPTZ(3) NOT NULL,
    "end_at" TIMESTAMPTZ(3) NOT NULL,
    "plays" INTEGER NOT NULL,
    "ms" BIGINT NOT NULL,

    CONSTRAINT "stats_sessions_pkey" PRIMARY KEY ("user_id","start_at")
);

-- CreateIndex
CREATE INDEX "stats_sessions_user_id_end_at_idx" ON "stats_sessions"("user_id", "end_at");

-- AddForeignKey
ALTER TABLE "stats_rollup_state" ADD CONSTRAINT "stats_rollup_state_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stats_days" ADD CONSTRAINT "stats_days_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "stats_rollup_state"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stats_hours" ADD CONSTRAINT "stats_hours_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "stats_rollup_state"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stats_track_buckets" ADD CONSTRAINT "stats_track_buckets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "stats_rollup_state"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stats_track_first_streams" ADD CONSTRAINT "stats_track_first_streams_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "stats_rollup_state"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stats_sessions" ADD CONSTRAINT "stats_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "stats_rollup_state"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;
