/**
 * At most one request per second to MusicBrainz across every process of the install (SPEC 12).
 * The instant of the last request lives in app_state (the database's clock, so processes agree):
 * a request is sent only after claiming that row, which succeeds once the last request is at
 * least one spacing old; otherwise the caller sleeps for the rest and claims again. A 503's
 * Retry-After moves the row forward, so every process waits it out.
 */
import type { Db } from "@/lib/db/client";

export const LAST_REQUEST_KEY = "musicbrainz.lastRequestAt";
/** One second, plus a little room so that jitter between claiming and sending never makes two arrive closer. */
export const REQUEST_SPACING_MS = 1050;

export interface RequestPacer {
  /** Milliseconds to wait before the next request may be sent; 0 means the slot is now claimed. */
  claim(): Promise<number>;
  /** No request before `ms` from now (a 503's Retry-After). */
  holdOff(ms: number): Promise<void>;
}

type Executor = Pick<Db, "$queryRaw" | "$executeRaw">;

/** The install-wide pacer (app_state row `musicbrainz.lastRequestAt`, epoch milliseconds). */
export function databasePacer(db: Executor, spacingMs: number = REQUEST_SPACING_MS): RequestPacer {
  let ready: Promise<unknown> | null = null;
  const ensureRow = () =>
    (ready ??= db.$executeRaw`
      INSERT INTO app_state (key, value, updated_at) VALUES (${LAST_REQUEST_KEY}, '0'::jsonb, clock_timestamp())
      ON CONFLICT (key) DO NOTHING`);
  return {
    async claim() {
      await ensureRow();
      // One statement: concurrent claims serialise on the row and re-check the condition.
      const [row] = await db.$queryRaw<{ claimed: boolean; wait_ms: bigint }[]>`
        WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms),
        claimed AS (
          UPDATE app_state SET value = to_jsonb(clock.now_ms), updated_at = clock_timestamp()
          FROM clock
          WHERE key = ${LAST_REQUEST_KEY} AND (value #>> '{}')::bigint + ${spacingMs} <= clock.now_ms
          RETURNING key
        )
        SELECT EXISTS (SELECT 1 FROM claimed) AS claimed,
               greatest(1, (SELECT (value #>> '{}')::bigint FROM app_state WHERE key = ${LAST_REQUEST_KEY}) + ${spacingMs} - clock.now_ms) AS wait_ms
        FROM clock`;
      return row.claimed ? 0 : Number(row.wait_ms);
    },
    async holdOff(ms) {
      await ensureRow();
      await db.$executeRaw`
        UPDATE app_state
        SET value = to_jsonb(greatest((value #>> '{}')::bigint, (extract(epoch FROM clock_timestamp()) * 1000)::bigint + ${Math.ceil(ms)} - ${spacingMs})),
            updated_at = clock_timestamp()
        WHERE key = ${LAST_REQUEST_KEY}`;
    },
  };
}

/** A pacer for one process only (no database): tools and tests of the client alone. */
export function memoryPacer(spacingMs: number = REQUEST_SPACING_MS, clock: () => number = () => performance.now()): RequestPacer {
  let last = -Infinity;
  return {
    async claim() {
      const now = clock();
      if (now >= last + spacingMs) {
        last = now;
        return 0;
      }
      return Math.max(1, Math.ceil(last + spacingMs - now));
    },
    async holdOff(ms) {
      last = Math.max(last, clock() + ms - spacingMs);
    },
  };
}
