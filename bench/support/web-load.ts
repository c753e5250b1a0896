/**
 * Load against the web server with autocannon, bounded in requests and in time. Latencies are
 * collected per response (autocannon's own percentiles have no p95).
 */
import { createRequire } from "node:module";

type AutocannonInstance = {
  on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
  stop(): void;
};
type AutocannonResult = { errors: number; timeouts: number; non2xx: number; duration: number; requests: { average: number } };
type Autocannon = (
  options: { url: string; connections: number; amount: number; timeout: number; headers: Record<string, string> },
  callback: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

// autocannon ships no type declarations: load it through require with the part we use typed above.
const autocannon = createRequire(__filename)("autocannon") as Autocannon;

export type LoadResult = {
  latencies: number[];
  completed: number;
  failed: number;
  seconds: number;
  p50: number;
  p95: number;
  max: number;
  requestsPerSecond: number;
};

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p % of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function load(options: { url: string; cookie: string; connections: number; amount: number; maxSeconds: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: options.url, connections: options.connections, amount: options.amount, timeout: options.maxSeconds, headers: { cookie: options.cookie } },
      (error, output) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(output);
      },
    );
    // `amount` makes autocannon ignore `duration`: bound the time ourselves.
    const timer = setTimeout(() => instance.stop(), options.maxSeconds * 1000);
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
      else failed++;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  failed += result.errors; // connection errors, timeouts included
  return {
    latencies,
    completed: latencies.length,
    failed,
    seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.length ? Math.max(...latencies) : Number.NaN,
    requestsPerSecond: latencies.length / seconds,
  };
}

/**
 * Requests of the floor page a fresh server answers before anything is measured: its CPU per
 * request settles after about 2,000 (Node's JIT). After 1,000, the floor measured first still took
 * 6 ms of CPU against 3 ms at the end of the run (p95 95 against 57 ms), and flattered every ratio.
 */
export const SERVER_WARM_UP = 3000;

/** Warms a fresh server up with SERVER_WARM_UP requests of `url` (about 15 s for the floor page). */
export async function warmUpServer(url: string, cookie: string, connections: number): Promise<void> {
  await load({ url, cookie, connections, amount: SERVER_WARM_UP, maxSeconds: 90 });
}

/** One request at a time: status, body and time. */
export async function fetchPage(url: string, cookie: string): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(60_000) });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}
