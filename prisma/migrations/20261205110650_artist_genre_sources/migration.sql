-- AlterTable
ALTER TABLE "artists" ADD COLUMN     "genres_source" TEXT,
ADD COLUMN     "musicbrainz_checked_at" TIMESTAMPTZ(3),
ADD COLUMN     "musicbrainz_failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "musicbrainz_id" TEXT,
ADD COLUMN     "musicbrainz_retry_at" TIMESTAMPTZ(3);

-- Genres stored before this migration came from Spotify's artist objects.
UPDATE "artists" SET "genres_source" = 'spotify' WHERE cardinality("genres") > 0;
