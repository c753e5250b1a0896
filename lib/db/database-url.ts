/**
 * Where the database is: DATABASE_URL when given (nothing is started), otherwise the
 * checkout's embedded PostgreSQL (started or reused). Used by every command-line entry point.
 */
import { startEmbeddedPostgres } from "@/lib/db/embedded";

export type ResolvedDatabase = { url: string; embedded: boolean; stop(): Promise<void> };

export async function resolveDatabase(options: { log?: (line: string) => void } = {}): Promise<ResolvedDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, embedded: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres({ log: options.log });
  return { url: server.url, embedded: true, stop: server.stop };
}

/** Resolves the database and publishes it as DATABASE_URL for this process and its children. */
export async function useDatabase(options: { log?: (line: string) => void } = {}): Promise<ResolvedDatabase> {
  const database = await resolveDatabase(options);
  process.env.DATABASE_URL = database.url;
  return database;
}
