/**
 * The baseline for storing plays: one COPY of the same rows into a table shaped like `plays`
 * (same columns, defaults, primary key and indexes, including the (user, track, played_at)
 * unique index), measured in the same run on the same server.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type BulkInsertTiming = { rows: number; ms: number };

export async function timeBulkCopyOfPlays(databaseUrl: string): Promise<BulkInsertTiming> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("DROP TABLE IF EXISTS bench_plays_bulk");
    await client.query("CREATE TABLE bench_plays_bulk (LIKE plays INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)");
    const { rows } = await client.query<{ user_id: string; track_id: string; played_at: string; source: string }>(
      "SELECT user_id, track_id, to_char(played_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS played_at, source::text AS source FROM plays ORDER BY id",
    );
    const text = rows.map((row) => `${row.user_id}\t${row.track_id}\t${row.played_at}\t${row.source}\n`).join("");
    const started = performance.now();
    await pipeline(Readable.from([text]), client.query(copyFrom("COPY bench_plays_bulk (user_id, track_id, played_at, source) FROM STDIN")));
    const ms = performance.now() - started;
    await client.query("DROP TABLE bench_plays_bulk");
    return { rows: rows.length, ms };
  } finally {
    await client.end();
  }
}
