/**
 * npm run demo [-- --reset]: everything from a fresh clone to a living dashboard.
 *   the embedded PostgreSQL (or DATABASE_URL) and its migrations, the Spotify simulator on
 *   SIM_PORT (4010) as Spotify treats a self-hosted (development-mode) app, the MusicBrainz
 *   simulator on MUSICBRAINZ_SIM_PORT (SIM_PORT + 10) for genres, the demo listener's year of
 *   history imported from a generated export,
 *   the production build (reused when fresh) on http://127.0.0.1:PORT (3000), and a timer that
 *   makes the listener play and runs an ingestion every few minutes (and sooner while details
 *   wait for a run, as after a sign-in, whose own collection the app starts).
 * Ctrl-C or SIGTERM stops everything it started, the database included.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyLocalSecrets } from "@/lib/config/local-secrets";
import { disconnectDb, getDb } from "@/lib/db/client";
import { useDatabase } from "@/lib/db/database-url";
import { dataRoot } from "@/lib/db/embedded";
import { deployMigrations } from "@/lib/db/migrate";
import { DEMO_LISTENER_ID, ensureDemoHistory } from "@/lib/demo/history";
import { changeDemoPlaylistOnce, watchDemoPlaylistChange } from "@/lib/demo/playlist-change";
import { startLiveListening } from "@/lib/demo/live-listening";
import { renewSimulatorGrants } from "@/lib/demo/simulator-grants";
import { runScheduledIngestion } from "@/lib/ingest/scheduled-run";
import { workWaitingForRun } from "@/lib/collection/work-waiting";
import { getMusicBrainzTotals } from "@/lib/musicbrainz";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startSimulator } from "@/lib/simulator";
import { startMusicBrainzSimulator } from "@/lib/simulator/musicbrainz";
import { PortTakenError, spawnApp } from "./support/app-server";
import { buildIsFresh } from "./support/build-freshness";
import { adoptOrphanedEmbeddedServer, recreateDatabase, removeDemoFiles } from "./support/demo-database";
import { forgetDemoSpotify, recordDemoSpotify } from "./support/demo-spotify";
import { forgetDemoProcesses, recordDemoProcesses, stopLeftoversOfCrashedDemo } from "./support/demo-leftovers";
import { DemoShutdown, isRunning } from "./support/demo-shutdown";
import { bin, isPortFree } from "./support/processes";

const HOST = "127.0.0.1";
const USAGE = "usage: npm run demo [-- --reset]   (PORT, SIM_PORT, MUSICBRAINZ_SIM_PORT and DATABASE_URL are read from the environment)";

/** A failure the user can act on: printed as is, without a stack trace. */
class DemoError extends Error {}

const log = (line: string) => process.stdout.write(`${line}\n`);
const shutdown = new DemoShutdown(log);

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  const port = value === undefined || value === "" ? fallback : Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DemoError(`${name}=${value} is not a port number (1-65535).`);
  return port;
}

function durationFromEnv(name: string, fallbackMs: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallbackMs;
}

async function checkPorts(appPort: number, simPort: number, musicBrainzPort: number): Promise<void> {
  if (appPort === simPort) throw new DemoError(`PORT and SIM_PORT are both ${appPort}: pick two different ports.`);
  if (musicBrainzPort === appPort || musicBrainzPort === simPort) {
    throw new DemoError(`MUSICBRAINZ_SIM_PORT is ${musicBrainzPort}, the same as PORT or SIM_PORT: pick three different ports.`);
  }
  if (!(await isPortFree(appPort, HOST))) throw new PortTakenError(appPort, HOST);
  if (!(await isPortFree(simPort, HOST))) {
    throw new DemoError(
      `Port ${simPort} on ${HOST}, where the demo runs the Spotify simulator, is already in use (another demo or \`npm run sim\`?). ` +
        `Stop what runs there, or pick another port, e.g. SIM_PORT=${simPort + 1} npm run demo`,
    );
  }
  if (!(await isPortFree(musicBrainzPort, HOST))) {
    throw new DemoError(
      `Port ${musicBrainzPort} on ${HOST}, where the demo runs the MusicBrainz simulator, is already in use (another demo or \`npm run sim:musicbrainz\`?). ` +
        `Stop what runs there, or pick another port, e.g. MUSICBRAINZ_SIM_PORT=${musicBrainzPort + 1} npm run demo`,
    );
  }
}

/** What the genre lookups have found so far (the demo's own log; the pages show each user theirs). */
async function describeGenres(): Promise<string> {
  const totals = await getMusicBrainzTotals(getDb());
  return `Demo: MusicBrainz genres for ${totals.withGenres} artists so far (${totals.withoutGenres + totals.notFound} without, ${totals.pending} still to look up).`;
}

function buildApp(): Promise<void> {
  log("Building the app (production build; reused next time while nothing changes)…");
  const child = spawn(bin("next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  shutdown.addChild("the build", child);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else if (!shutdown.requested) reject(new DemoError(`The build failed (${signal ?? `exit code ${code}`}); its output is above.`));
    });
  });
}

async function waitUntilHealthy(app: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!isRunning(app)) throw new DemoError("The app stopped while starting; its output is above.");
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new DemoError(`The app did not answer on ${url}/api/health within a minute.`);
}

async function importHistory(databaseUrl: string): Promise<void> {
  const started = Date.now();
  const result = await ensureDemoHistory({ db: getDb(), databaseUrl, directory: path.join(dataRoot(), "demo") });
  if (!result.imported) {
    log("Ada's year of listening is already imported.");
    return;
  }
  const { files, entries, inserted } = result.summary;
  log(`Imported Ada's generated Spotify export (${files} files, ${entries} entries, ${inserted} plays) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { reset: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const startedAt = Date.now();
  const appPort = portFromEnv("PORT", 3000);
  const simPort = portFromEnv("SIM_PORT", 4010);
  const musicBrainzPort = portFromEnv("MUSICBRAINZ_SIM_PORT", simPort + 10);
  const appUrl = `http://${HOST}:${appPort}`;
  shutdown.listen(() => process.exit(0));

  const recovered = await stopLeftoversOfCrashedDemo();
  if (recovered) log(recovered);
  await checkPorts(appPort, simPort, musicBrainzPort);

  const givenDatabase = Boolean(process.env.DATABASE_URL);
  const stopOrphanedServer = givenDatabase ? null : adoptOrphanedEmbeddedServer(dataRoot());
  if (stopOrphanedServer) log("Found the embedded PostgreSQL of an earlier demo that did not shut down: reusing it, and stopping it on exit.");
  const database = await useDatabase({ log });
  shutdown.add("the database", stopOrphanedServer ?? database.stop);
  log(givenDatabase ? "Using the database at DATABASE_URL (no embedded server)." : "Embedded PostgreSQL is up (data in .data/).");
  if (values.reset) {
    const name = await recreateDatabase(database.url);
    removeDemoFiles(dataRoot());
    log(`--reset: dropped and recreated the database "${name}" and the demo's files; starting over.`);
  }
  const applied = await deployMigrations(database.url);
  if (applied.length) log(`Applied ${applied.length} migration(s).`);
  shutdown.add("the database connections", disconnectDb);

  applyLocalSecrets(["AUTH_SECRET", "TOKEN_ENCRYPTION_KEY", "CRON_SECRET"]);
  // Spotify as a self-hosted install sees it (a development-mode app: no genres); genres from MusicBrainz.
  const simulator = await startSimulator({ port: simPort, host: HOST });
  shutdown.add("the Spotify simulator", () => simulator.close());
  const musicBrainz = await startMusicBrainzSimulator({ port: musicBrainzPort, host: HOST });
  shutdown.add("the MusicBrainz simulator", () => musicBrainz.close());
  // The app (a child), this process's own ingestion runs and `npm run ingest` beside it talk to the simulators.
  const spotify = { SPOTIFY_ACCOUNTS_URL: simulator.url, SPOTIFY_API_URL: simulator.url, SPOTIFY_CLIENT_ID: DEMO_CLIENT_ID, SPOTIFY_CLIENT_SECRET: DEMO_CLIENT_SECRET };
  Object.assign(process.env, { ...spotify, MUSICBRAINZ_URL: musicBrainz.url, NEXTAUTH_URL: appUrl });
  recordDemoSpotify(spotify, { MUSICBRAINZ_URL: musicBrainz.url });
  shutdown.add("the simulator record", async () => forgetDemoSpotify());
  log(`Spotify simulator on ${simulator.url}; MusicBrainz simulator on ${musicBrainz.url}.`);
  const renewed = await renewSimulatorGrants({ db: getDb(), simulator, clientId: DEMO_CLIENT_ID, redirectUri: `${appUrl}/api/auth/callback/spotify` });
  if (renewed.length) log(`Renewed the simulator's consent for ${renewed.join(", ")} (signed in before): sessions carry on.`);

  // The build and the import are independent: run them side by side.
  const building = buildIsFresh() ? (log("Reusing the production build in .next/."), Promise.resolve()) : buildApp();
  await Promise.all([building, importHistory(database.url)]);
  if (shutdown.requested) return 0;

  const app = await spawnApp({ mode: "start", port: appPort, host: HOST });
  shutdown.addChild("the app", app);
  recordDemoProcesses(app);
  shutdown.add("the process record", async () => forgetDemoProcesses());
  await waitUntilHealthy(app, appUrl);

  const live = startLiveListening({
    play: (count) => simulator.play(DEMO_LISTENER_ID, count),
    ingest: async () => {
      const result = await runScheduledIngestion("demo");
      log(await describeGenres());
      return result;
    },
    firstDelayMs: durationFromEnv("DEMO_FIRST_ROUND_MS", 20_000),
    intervalMs: durationFromEnv("DEMO_ROUND_INTERVAL_MS", 150_000),
    // After a sign-in, Ada's year of history waits for Spotify details (track counts, genres), and
    // her playlists after them, beyond one run's budget: the simulator answers fast, so extra runs
    // read them within the minute.
    catchUp: { due: () => workWaitingForRun(getDb(), new Date()), everyMs: durationFromEnv("DEMO_CATCH_UP_MS", 2_000) },
    log,
  });
  shutdown.add("the listening timer", live.stop);
  // Once Ada's playlists are first collected (by her sign-in or a run), one of them changes.
  const playlistChange = watchDemoPlaylistChange(() => changeDemoPlaylistOnce(getDb(), simulator), log, durationFromEnv("DEMO_CATCH_UP_MS", 2_000));
  shutdown.add("the playlist change", async () => playlistChange.stop());

  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  log(
    [
      "",
      `Encore demo is ready (started in ${seconds} s).`,
      "",
      `  Open ${appUrl} and click "Sign in with Spotify", then "Continue as Ada Listener".`,
      "",
      `  Ada plays a few more tracks every few minutes and an ingestion run picks them up.`,
      `  Genres come from the MusicBrainz simulator (${musicBrainz.url}), looked up with every round, first ones within a minute.`,
      `  Spotify simulator: ${simulator.url}   Start over: npm run demo -- --reset`,
      "  Press Ctrl-C to stop everything.",
      "",
    ].join("\n"),
  );

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => app.once("exit", (code, signal) => resolve({ code, signal })));
  if (shutdown.requested) return 0;
  log(`The app stopped unexpectedly (${exit.signal ?? `exit code ${exit.code}`}); stopping the demo.`);
  await shutdown.stopAll();
  return 1;
}

main().then(
  (code) => {
    if (!shutdown.requested) process.exit(code);
  },
  async (error: unknown) => {
    const known = error instanceof DemoError || error instanceof PortTakenError;
    const message = error instanceof Error ? error.message : String(error);
    console.error(known ? message : `The demo could not start: ${message}`);
    await shutdown.stopAll();
    process.exit(1);
  },
);
