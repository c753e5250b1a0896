/**
 * One plain BEGIN ... COMMIT on a pg connection of Encore's own (a small pool beside Prisma's),
 * for work that may take long (a rollup rebuild of a million plays takes about 30 s; deleting an
 * account, all of its plays).
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
 */
import { channel } from "node:diagnostics_channel";
import pg from "pg";
import { connectionStringOf, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { rawSqlTransaction } from "@/lib/db/raw-sql-transaction";

/**
 * A few connections per database for these transactions, kept between them (a refresh is often
 * milliseconds of work). Ingestion stores its users' responses this way too: the ingest bench
 * (1,000 users, 8 at a time) ran 19.0 s with 4 connections, 22.5 s with 10.
 */
const POOL_SIZE = 4;

/** Each plain transaction's duration, `{ ms, committed }`, for whoever listens (the ingest benchmark). */
export const plainTransactionChannel = channel("encore:plain-transaction");

const pools = new Map<string, pg.Pool>();

function poolFor(connectionString: string): pg.Pool {
  let pool = pools.get(connectionString);
  if (!pool) {
    // Idle connections never keep a command-line process alive.
    pool = new pg.Pool({ connectionString, max: POOL_SIZE, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    // A connection dropped while idle (the server restarting, a test dropping its database) is discarded by the pool.
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
  // The pool stops listening while a connection is handed out: dropped between two queries, it must not crash the process.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(rawSqlTransaction(client));
    await client.query("COMMIT");
    committed = true;
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.off("error", onError);
    // A connection that could not even roll back is not handed out again.
    client.release(broken);
    if (plainTransactionChannel.hasSubscribers) plainTransactionChannel.publish({ ms: performance.now() - started, committed });
  }
}
