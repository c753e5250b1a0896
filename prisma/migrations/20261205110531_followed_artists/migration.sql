-- CreateTable
CREATE TABLE "follows" (
    "user_id" TEXT NOT NULL,
    "artist_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follows_pkey" PRIMARY KEY ("user_id","artist_id")
);

-- CreateTable
CREATE TABLE "artist_snapshots" (
    "artist_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "popularity" INTEGER,
    "followers" INTEGER,
    "genres" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "taken_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "artist_snapshots_pkey" PRIMARY KEY ("artist_id","date")
);

-- CreateIndex
CREATE INDEX "follows_artist_id_idx" ON "follows"("artist_id");

-- AddForeignKey
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follows" ADD CONSTRAINT "follows_artist_id_fkey" FOREIGN KEY ("artist_id") REFERENCES "artists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artist_snapshots" ADD CONSTRAINT "artist_snapshots_artist_id_fkey" FOREIGN KEY ("artist_id") REFERENCES "artists"("id") ON DELETE CASCADE ON UPDATE CASCADE;
