/**
 * The one Prisma client of a process (Rust-free client over @prisma/adapter-pg).
 * Created on first use, never at import time, so `next build` needs no database.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";

export type Db = PrismaClient;

const globalForPrisma = globalThis as unknown as { encorePrisma?: { url: string; client: PrismaClient } };

/**
 * Connections per process: enough for one report's parallel queries (~13) plus the small
 * per-request queries (session, data version, artwork) of concurrent page views.
 */
export const DEFAULT_POOL_SIZE = 20;

/** Each client's connection string, for work that needs a connection of its own (lib/db/plain-transaction.ts). */
const connectionStrings = new WeakMap<PrismaClient, string>();

export function createPrismaClient(connectionString: string): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE) }) });
  connectionStrings.set(client, connectionString);
  return client;
}

/** A client made by createPrismaClient, as opposed to the client of an interactive transaction (which has `$transaction` too). */
export function isTopLevelClient(db: object): db is PrismaClient {
  return connectionStrings.has(db as PrismaClient);
}

/**
 * Makes a wrapper of a client made by createPrismaClient (the ingest benchmark's timing proxy)
 * count as that client: top-level, with the same database for plain transactions.
 */
export function registerClientWrapper(wrapper: PrismaClient, client: PrismaClient): void {
  connectionStrings.set(wrapper, connectionStringOf(client));
}

/** The database a client made by createPrismaClient talks to. */
export function connectionStringOf(db: PrismaClient): string {
  const connectionString = connectionStrings.get(db);
  if (!connectionString) throw new Error("connectionStringOf: this Prisma client was not made by createPrismaClient");
  return connectionString;
}

export function getDb(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Encore through `npm run start`, `npm run dev` or `npm run demo`, which provide the embedded database, or set DATABASE_URL.",
    );
  }
  const cached = globalForPrisma.encorePrisma;
  if (cached && cached.url === url) return cached.client;
  const client = createPrismaClient(url);
  globalForPrisma.encorePrisma = { url, client };
  return client;
}

export async function disconnectDb(): Promise<void> {
  const cached = globalForPrisma.encorePrisma;
  globalForPrisma.encorePrisma = undefined;
  await cached?.client.$disconnect();
}
