-- AlterTable
ALTER TABLE "artists" ADD COLUMN     "spotify_missing_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "tracks" ADD COLUMN     "spotify_missing_at" TIMESTAMPTZ(3);
