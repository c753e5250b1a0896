import { parseArgs } from "node:util";
import { startMusicBrainzSimulator } from "@/lib/simulator/musicbrainz";

// `npm run sim:musicbrainz -- [--port 4020] [--seed encore] [--extra-artists N] [--latency-ms N] [--min-interval-ms 1000]`
// MusicBrainz's ws/2 for the Spotify simulator's artists (same seed): point MUSICBRAINZ_URL at it.

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4020" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string" },
      "extra-artists": { type: "string", default: "0" },
      "latency-ms": { type: "string", default: "0" },
      // 503 for a request less than this after the previous one, as musicbrainz.org; 0 turns it off.
      "min-interval-ms": { type: "string", default: "1000" },
    },
  });
  const sim = await startMusicBrainzSimulator({
    port: Number(values.port),
    host: values.host,
    seed: values.seed,
    extraArtists: Number(values["extra-artists"]),
    latencyMs: Number(values["latency-ms"]),
    minIntervalMs: Number(values["min-interval-ms"]),
  });
  const kinds = sim.catalogue.entries.reduce<Record<string, number>>((counts, entry) => ({ ...counts, [entry.kind]: (counts[entry.kind] ?? 0) + 1 }), {});
  console.log(`MusicBrainz simulator listening on ${sim.url}`);
  console.log(`  MUSICBRAINZ_URL=${sim.url}`);
  console.log(`  Spotify artists: ${Object.entries(kinds).map(([kind, count]) => `${count} ${kind}`).join(", ")}`);
  const stop = () => {
    sim.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
