/**
 * For tests of work that must survive the Prisma client disconnecting while the work's
 * transaction is open: another client holds a lock the work needs, so the work waits inside its
 * transaction, the client disconnects, then the lock is released.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** Takes `lock` in a transaction of `blocker` and holds it until the returned function is called. */
export async function holdLock(blocker: Db, lock: (tx: Prisma.TransactionClient) => Promise<unknown>): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = blocker.$transaction(
    async (tx) => {
      await lock(tx);
      locked();
      await released;
    },
    { timeout: 60_000 },
  );
  await Promise.race([isLocked, holding]);
  return async () => {
    release();
    await holding;
  };
}

/** Resolves once a session of the observer's database waits for a lock: the work reached the held lock. */
export async function lockWaiterSeen(observer: Db, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await observer.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row.n > 0) return;
    if (Date.now() > until) throw new Error("no session waited for the held lock");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Runs `work` while `blocker` holds `lock`; once the work waits for it, `db` disconnects, then
 * the lock is released. Returns what the work returned (or throws what it threw).
 */
export async function runWhileDisconnecting<T>(
  db: Db,
  blocker: Db,
  lock: (tx: Prisma.TransactionClient) => Promise<unknown>,
  work: () => Promise<T>,
): Promise<T> {
  const release = await holdLock(blocker, lock);
  const working = work();
  const outcome = working.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  let disconnecting: Promise<void> = Promise.resolve();
  try {
    await lockWaiterSeen(blocker);
    // Not awaited before the release: the client may wait for its own queries in flight.
    disconnecting = db.$disconnect();
  } finally {
    await release();
  }
  await disconnecting;
  const settled = await outcome;
  if ("error" in settled) throw settled.error;
  return settled.value;
}
