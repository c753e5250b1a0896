/**
 * One plain BEGIN ... COMMIT on a pg connection of its own, for work that may take long (a
 * rollup rebuild of a million plays takes about 30 s; deleting an account, all of its plays).
 *
 * Why not Prisma's interactive `$transaction`: the Rust-free client keeps its open transactions
 * in an in-memory manager that belongs to the client's current connection to the engine. When
 * that engine stops while a transaction is open — `$disconnect()` from anywhere in the process,
 * or the client stopping itself after a panic of its WebAssembly query compiler, on any
 * concurrent query — the next query reconnects to a new manager that has never heard of the
 * transaction: "Transaction not found. Transaction ID is invalid, refers to an old closed
 * transaction ... or was obtained before disconnecting." The longer the transaction, the wider
 * that window. A connection of our own has no such state to lose: only PostgreSQL decides
 * whether the transaction commits, as for the import (lib/import/import-export.ts).
 *
 * The connections come from a small pool per database, apart from Prisma's: ingestion stores
 * every user's response this way, and opening a connection (SCRAM authentication) took ~35 ms
 * on a loaded machine, more than the transaction itself.
 */
import { channel } from "node:diagnostics_channel";
import pg from "pg";
import { connectionStringOf, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { rawSqlTransaction } from "@/lib/db/raw-sql-transaction";

/** Connections per database for plain transactions (besides Prisma's own pool). */
const POOL_SIZE = 10;

/** Each plain transaction's duration, `{ ms, committed }`, for whoever listens (the ingest benchmark). */
export const plainTransactionChannel = channel("encore:plain-transaction");

const pools = new Map<string, pg.Pool>();

function poolFor(connectionString: string): pg.Pool {
  let pool = pools.get(connectionString);
  if (!pool) {
    // Idle connections close after 10 s and never keep a script's process alive.
    pool = new pg.Pool({ connectionString, max: POOL_SIZE, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    // An error of an idle connection (the server restarting, the database dropped) must not crash the process.
    pool.on("error", () => undefined);
    pools.set(connectionString, pool);
  }
  return pool;
}

export async function inPlainTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const client = await poolFor(connectionStringOf(db)).connect();
  const started = performance.now();
  let broken: Error | undefined;
  let committed = false;
  // The connection dropping between two queries (the server restarting) must not crash the process.
  const onError = (error: Error) => (broken = error);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(rawSqlTransaction(client));
    await client.query("COMMIT");
    committed = true;
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not given back to the pool.
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
    if (plainTransactionChannel.hasSubscribers) plainTransactionChannel.publish({ ms: performance.now() - started, committed });
  }
}
