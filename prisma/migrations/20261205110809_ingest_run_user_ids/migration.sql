-- AlterTable
ALTER TABLE "ingest_runs" ADD COLUMN     "user_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];
