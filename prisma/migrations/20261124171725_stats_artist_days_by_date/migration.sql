-- CreateIndex
CREATE INDEX "stats_artist_days_user_id_local_date_idx" ON "stats_artist_days"("user_id", "local_date");
