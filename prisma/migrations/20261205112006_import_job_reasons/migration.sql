-- AlterTable
ALTER TABLE "import_jobs" ADD COLUMN     "reasons" JSONB;
