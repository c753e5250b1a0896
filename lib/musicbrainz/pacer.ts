/**
 * At most one request per second to MusicBrainz across every process of the install (SPEC 12).
 * The app_state row `musicbrainz.lastRequestAt` (epoch milliseconds on the database's clock, so
 * processes agree) holds when the last request ended, or, while one is in flight, a time far
 * enough ahead that nobody else starts one. A request is sent only after claiming that row,
 * which succeeds once the last request ended at least one spacing ago; it is released with the
 * instant its answer came back. So two requests never reach MusicBrainz closer than the
 * spacing, whatever the network's jitter: the next one starts a second after the previous one
 * was answered (and so after it arrived). A 503's Retry-After moves the row further ahead.
 */
import type { Db } from "@/lib/db/client";

export const LAST_REQUEST_KEY = "musicbrainz.lastRequestAt";
/** One second: from the moment the previous request was answered to the next one's start. */
export const REQUEST_SPACING_MS = 1000;
/** How long a claim keeps the others waiting when its holder never releases it (it died mid-request). */
export const IN_FLIGHT_HOLD_MS = 40_000;

export interface RequestPacer {
  /** 0 when the turn is claimed (send now, then release); else milliseconds to wait before claiming again. */
  claim(): Promise<number>;
  /** The claimed request was answered (or failed) now. */
  release(): Promise<void>;
  /** No request before `ms` from now (a 503's Retry-After). */
  holdOff(ms: number): Promise<void>;
}

type Executor = Pick<Db, "$queryRaw" | "$executeRaw">;

/** The install-wide pacer (app_state row `musicbrainz.lastRequestAt`). */
export function databasePacer(db: Executor, spacingMs: number = REQUEST_SPACING_MS): RequestPacer {
  let ready: Promise<unknown> | null = null;
  let held: bigint | null = null;
  // When this process's own last request was released: no need to ask the database before then.
  let releasedAt = -Infinity;
  const ensureRow = () =>
    (ready ??= db.$executeRaw`
      INSERT INTO app_state (key, value, updated_at) VALUES (${LAST_REQUEST_KEY}, '0'::jsonb, clock_timestamp())
      ON CONFLICT (key) DO NOTHING`);
  return {
    async claim() {
      const ownWait = releasedAt + spacingMs - performance.now();
      if (ownWait > 0) return Math.ceil(ownWait);
      await ensureRow();
      // One statement: concurrent claims serialise on the row and re-check the condition.
      const [row] = await db.$queryRaw<{ held: bigint | null; wait_ms: bigint }[]>`
        WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms),
        claimed AS (
          UPDATE app_state SET value = to_jsonb(clock.now_ms + ${IN_FLIGHT_HOLD_MS}::bigint), updated_at = clock_timestamp()
          FROM clock
          WHERE key = ${LAST_REQUEST_KEY} AND (value #>> '{}')::bigint + ${spacingMs}::bigint <= clock.now_ms
          RETURNING (value #>> '{}')::bigint AS held
        ),
        last AS (SELECT (value #>> '{}')::bigint AS ms FROM app_state WHERE key = ${LAST_REQUEST_KEY})
        SELECT (SELECT held FROM claimed) AS held,
               -- While another request is in flight, look again soon: it releases the row when answered.
               CASE WHEN last.ms > clock.now_ms THEN ${spacingMs}::bigint ELSE greatest(1, last.ms + ${spacingMs}::bigint - clock.now_ms) END AS wait_ms
        FROM clock, last`;
      if (row.held !== null) {
        held = row.held;
        return 0;
      }
      return Number(row.wait_ms);
    },
    async release() {
      if (held === null) return;
      const mine = held;
      held = null;
      await db.$executeRaw`
        UPDATE app_state SET value = to_jsonb((extract(epoch FROM clock_timestamp()) * 1000)::bigint), updated_at = clock_timestamp()
        WHERE key = ${LAST_REQUEST_KEY} AND (value #>> '{}')::bigint = ${mine}`;
      releasedAt = performance.now();
    },
    async holdOff(ms) {
      await ensureRow();
      await db.$executeRaw`
        UPDATE app_state
        SET value = to_jsonb(greatest((value #>> '{}')::bigint, (extract(epoch FROM clock_timestamp()) * 1000)::bigint + ${Math.ceil(ms)}::bigint - ${spacingMs}::bigint)),
            updated_at = clock_timestamp()
        WHERE key = ${LAST_REQUEST_KEY}`;
    },
  };
}

/** The same rule for one process only (no database): tools and tests of the client alone. */
export function memoryPacer(spacingMs: number = REQUEST_SPACING_MS, clock: () => number = () => performance.now()): RequestPacer {
  let last = -Infinity;
  let inFlight = false;
  return {
    async claim() {
      const now = clock();
      if (inFlight) return spacingMs;
      if (now >= last + spacingMs) {
        inFlight = true;
        return 0;
      }
      return Math.max(1, Math.ceil(last + spacingMs - now));
    },
    async release() {
      if (!inFlight) return;
      inFlight = false;
      last = Math.max(last, clock());
    },
    async holdOff(ms) {
      last = Math.max(last, clock() + ms - spacingMs);
    },
  };
}
