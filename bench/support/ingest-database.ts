/** The ingest bench's own database on the bench's PostgreSQL server, migrated from scratch. */
import { randomBytes } from "node:crypto";
import { dropDatabase, recreateDatabase } from "@/lib/db/admin";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { deployMigrations } from "@/lib/db/migrate";

export type BenchDatabase = { url: string; db: Db; drop(): Promise<void> };

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `encore_bench_ingest_${randomBytes(4).toString("hex")}`;
  const url = await recreateDatabase(serverUrl, name);
  await deployMigrations(url);
  const db = createPrismaClient(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await dropDatabase(serverUrl, name);
    },
  };
}
