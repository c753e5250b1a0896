/**
 * One plain BEGIN ... COMMIT on a pg connection of its own, for work that may take long (a
 * rollup rebuild of a million plays takes about 30 s).
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
import pg from "pg";
import { connectionStringOf, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { rawSqlTransaction } from "@/lib/db/raw-sql-transaction";

export async function inPlainTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connectionStringOf(db) });
  // An error of an idle connection (the server restarting) must not crash the process.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("BEGIN");
    try {
      const result = await work(rawSqlTransaction(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
