import { parseArgs } from "node:util";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startSimulator } from "@/lib/simulator";

// `npm run sim -- [--port 4010] [--seed encore] [--extra-listeners N] [--latency-ms N] [--rotate-refresh-tokens] [--extended-quota]`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string" },
      "extra-listeners": { type: "string", default: "0" },
      "latency-ms": { type: "string", default: "0" },
      "rotate-refresh-tokens": { type: "boolean", default: false },
      // Artists with genres, popularity and followers, as an extended-quota app gets them.
      "extended-quota": { type: "boolean", default: false },
    },
  });

  const sim = await startSimulator({
    port: Number(values.port),
    host: values.host,
    seed: values.seed,
    extraListeners: Number(values["extra-listeners"]),
    latencyMs: Number(values["latency-ms"]),
    rotateRefreshTokens: values["rotate-refresh-tokens"],
    quota: values["extended-quota"] ? "extended" : "development",
  });

  console.log(`Spotify simulator listening on ${sim.url}`);
  console.log(`  SPOTIFY_ACCOUNTS_URL=${sim.url} SPOTIFY_API_URL=${sim.url}`);
  console.log(`  SPOTIFY_CLIENT_ID=${DEMO_CLIENT_ID} SPOTIFY_CLIENT_SECRET=${DEMO_CLIENT_SECRET}`);
  const named = sim.listeners().slice(0, 4);
  console.log(`  listeners: ${named.map((l) => `${l.id} "${l.displayName}" (${l.timeZone})`).join(", ")}`);

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
