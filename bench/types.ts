/** One figure of `npm run bench`, printed as one JSON line (SPEC section 8). */
export type BenchLine = {
  group: "ingest" | "import" | "stats" | "web" | "genres" | "playlists";
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: number;
  ok?: boolean;
};

export type BenchOptions = {
  /** Shrinks every data set (1 = the sizes the issues name). */
  scale: number;
  /** PostgreSQL server URL (database part ignored): each group makes its own databases. */
  serverUrl: string;
  /** Cache folder for generated data: .data/bench/ */
  cacheDir: string;
  emit(line: BenchLine): void;
};

/** A figure compared with a baseline measured in the same run. */
export function compared(
  group: BenchLine["group"],
  name: string,
  value: number,
  unit: string,
  baseline: number,
  target?: number,
): BenchLine {
  const ratio = baseline > 0 ? value / baseline : Number.POSITIVE_INFINITY;
  return {
    group,
    name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(ratio),
    ...(target === undefined ? {} : { target, ok: ratio <= target }),
  };
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
