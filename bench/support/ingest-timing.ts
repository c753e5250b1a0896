/**
 * Times the database work of storing plays during a real ingestion run, as the run waits for
 * it: every transaction, plain (a response's catalogue rows; its plays, cursor and rollups:
 * lib/db/plain-transaction.ts) or Prisma's interactive `$transaction`, and every top-level raw
 * query (the lock-free catalogue comparison; also the few small lookups of which artists need
 * details). Summed over concurrent users. `stop()` ends the count.
 */
import { registerClientWrapper, type Db } from "@/lib/db/client";
import { plainTransactionChannel } from "@/lib/db/plain-transaction";

export type TransactionTimer = { db: Db; transactions: number; totalMs: number; stop(): void };

export function timeTransactions(db: Db): TransactionTimer {
  const onPlainTransaction = (message: unknown) => {
    timer.transactions += 1;
    timer.totalMs += (message as { ms: number }).ms;
  };
  const timer: TransactionTimer = { db, transactions: 0, totalMs: 0, stop: () => plainTransactionChannel.unsubscribe(onPlainTransaction) };
  plainTransactionChannel.subscribe(onPlainTransaction);
  const timedTransaction = async (...args: unknown[]) => {
    const transaction = db.$transaction as (...a: unknown[]) => Promise<unknown>;
    // The array form is the run's own bookkeeping at the end, not storing plays.
    if (typeof args[0] !== "function") return transaction.apply(db, args);
    const started = performance.now();
    try {
      return await transaction.apply(db, args);
    } finally {
      timer.transactions += 1;
      timer.totalMs += performance.now() - started;
    }
  };
  const timedQueryRaw = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await (db.$queryRaw as (...a: unknown[]) => Promise<unknown>).apply(db, args);
    } finally {
      timer.totalMs += performance.now() - started;
    }
  };
  timer.db = new Proxy(db, {
    get(target, property) {
      if (property === "$transaction") return timedTransaction;
      if (property === "$queryRaw") return timedQueryRaw;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  registerClientWrapper(timer.db, db);
  return timer;
}
