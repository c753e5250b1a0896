/**
 * Issue 21's benchmark: 1,000 artists (× --scale) without genres, looked up on the MusicBrainz
 * simulator (20 ms latency, answering 503 to a request less than a second after the previous
 * one, as musicbrainz.org), in one ingestion run with budget and time for all of them.
 *
 * Figures:
 * - requests per artist, against the minimum the simulator's answers allow (2 for an artist
 *   linked by its Spotify URL, or not found, or ambiguous; 3 for one found by name only).
 *   Target: at most 1.5×;
 * - the run's wall time, against one second per request sent (MusicBrainz's limit). Target: at
 *   most 1.1×;
 * - 503 answers (requests that came too soon): reported, not judged.
 * At scale 1 this takes ~17 minutes by construction (1,000+ requests at one a second).
 */
import { runIngestion } from "@/lib/ingest/run";
import { startMusicBrainzSimulator, type MbLinkKind } from "@/lib/simulator/musicbrainz";
import { generateCatalogue } from "@/lib/simulator";
import { createBenchDatabase } from "./support/ingest-database";
import { compared, round, type BenchOptions } from "./types";

const ARTISTS_AT_SCALE_1 = 1000;
const LATENCY_MS = 20;

/** Requests the shortest path needs for an artist of this kind. */
const MINIMUM_REQUESTS: Record<MbLinkKind, number> = { url: 2, "no-genres": 2, "name-only": 3, ambiguous: 2, absent: 2 };

export async function run(options: BenchOptions): Promise<void> {
  const artistCount = Math.max(1, Math.round(ARTISTS_AT_SCALE_1 * options.scale));
  const catalogue = generateCatalogue();
  const sim = await startMusicBrainzSimulator({ catalogue, extraArtists: artistCount, latencyMs: LATENCY_MS, minIntervalMs: 1000 });
  const database = await createBenchDatabase(options.serverUrl);
  const log = (message: string) => console.error(`[bench genres] ${message}`);
  try {
    // The simulator's own artists beyond the Spotify simulator's catalogue: in its kinds' proportions.
    const entries = sim.catalogue.entries.slice(catalogue.artists.length);
    await database.db.artist.createMany({ data: entries.map((entry) => ({ id: entry.spotifyArtistId, name: entry.name })) });
    const minimum = entries.reduce((sum, entry) => sum + MINIMUM_REQUESTS[entry.kind], 0);
    const kinds = entries.reduce<Record<string, number>>((counts, entry) => ({ ...counts, [entry.kind]: (counts[entry.kind] ?? 0) + 1 }), {});
    log(`${artistCount} artists (${Object.entries(kinds).map(([kind, n]) => `${n} ${kind}`).join(", ")}), at least ${minimum} requests, about ${Math.round((minimum * 1.05) / 60)} min`);

    sim.clearLog();
    const started = performance.now();
    await runIngestion({
      db: database.db,
      trigger: "cli",
      timeBudgetMs: 6 * 3600_000,
      musicbrainz: { config: { genres: "musicbrainz", baseUrl: sim.url, runBudget: 4 * artistCount } },
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const requests = sim.log();
    const rateLimited = requests.filter((entry) => entry.rateLimited).length;
    const arrivals = requests.map((entry) => entry.at);
    const closest = arrivals.slice(1).reduce((min, at, i) => Math.min(min, at - arrivals[i]), Infinity);
    const done = await database.db.artist.count({ where: { musicbrainzCheckedAt: { not: null } } });
    log(`${requests.length} requests in ${wallSeconds.toFixed(1)} s, ${done} of ${artistCount} artists looked up, ${rateLimited} answered 503, closest arrivals ${Math.round(closest)} ms apart`);
    if (done !== artistCount) log(`not every artist was looked up: the figures below are about an incomplete run`);

    options.emit(compared("genres", "MusicBrainz requests per artist vs the minimum", requests.length / artistCount, "requests/artist", minimum / artistCount, 1.5));
    options.emit(compared("genres", "run wall time vs one request per second", wallSeconds, "s", requests.length, 1.1));
    options.emit({ group: "genres", name: "503 answers (requests that came too soon)", value: rateLimited, unit: "requests" });
    options.emit({ group: "genres", name: "artists looked up", value: done, unit: "artists", baseline: artistCount, ratio: round(done / artistCount), target: 1, ok: done === artistCount });
  } finally {
    await sim.close();
    await database.drop();
  }
}
