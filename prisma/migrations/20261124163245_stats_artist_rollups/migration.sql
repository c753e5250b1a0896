-- CreateTable
CREATE TABLE "stats_artist_days" (
    "user_id" TEXT NOT NULL,
    "artist_id" TEXT NOT NULL,
    "local_date" DATE NOT NULL,

    CONSTRAINT "stats_artist_days_pkey" PRIMARY KEY ("user_id","artist_id","local_date")
);

-- CreateTable
CREATE TABLE "stats_artist_runs" (
    "user_id" TEXT NOT NULL,
    "artist_id" TEXT NOT NULL,
    "first_date" DATE NOT NULL,
    "last_date" DATE NOT NULL,

    CONSTRAINT "stats_artist_runs_pkey" PRIMARY KEY ("user_id","artist_id","first_date")
);

-- CreateIndex
CREATE INDEX "stats_artist_runs_user_id_last_date_idx" ON "stats_artist_runs"("user_id", "last_date");

-- AddForeignKey
ALTER TABLE "stats_artist_days" ADD CONSTRAINT "stats_artist_days_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "stats_rollup_state"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stats_artist_runs" ADD CONSTRAINT "stats_artist_runs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "stats_rollup_state"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;
