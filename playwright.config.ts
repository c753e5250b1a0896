import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end layer: a real Chromium (Debian's, never a downloaded one) against the production
 * build, the Spotify simulator (a development-mode app, as every self-hosted install) and the
 * MusicBrainz simulator over real HTTP, and a fresh database prepared by `npm test`
 * (scripts/test.ts), which passes it as E2E_DATABASE_URL.
 */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);
export const E2E_MUSICBRAINZ_PORT = Number(process.env.E2E_MUSICBRAINZ_PORT ?? E2E_SIM_PORT + 100);
/** Genre lookups per collection run in the end-to-end app: a run's MusicBrainz part lasts about this many seconds. */
export const E2E_MUSICBRAINZ_RUN_BUDGET = 12;
export const E2E_CRON_SECRET = "e2e-cron-secret-0123456789";
const appUrl = `http://127.0.0.1:${E2E_APP_PORT}`;
const simUrl = `http://127.0.0.1:${E2E_SIM_PORT}`;
export const E2E_MUSICBRAINZ_URL = `http://127.0.0.1:${E2E_MUSICBRAINZ_PORT}`;
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: run the end-to-end tests through `npm test` (or `npm run test -- --e2e-only`).");

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: appUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: `npx tsx scripts/sim.ts --port ${E2E_SIM_PORT}`,
      url: `${simUrl}/_sim/listeners`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `npx tsx scripts/sim-musicbrainz.ts --port ${E2E_MUSICBRAINZ_PORT}`,
      url: `${E2E_MUSICBRAINZ_URL}/_sim/artists`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "npx tsx scripts/run-app.ts start",
      url: `${appUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(E2E_APP_PORT),
        HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: appUrl,
        AUTH_SECRET: "e2e-auth-secret-not-for-production-0123456789",
        TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
        CRON_SECRET: E2E_CRON_SECRET,
        SPOTIFY_ACCOUNTS_URL: simUrl,
        SPOTIFY_API_URL: simUrl,
        SPOTIFY_CLIENT_ID: "encore-demo-client",
        SPOTIFY_CLIENT_SECRET: "encore-demo-secret",
        GENRES: "musicbrainz",
        MUSICBRAINZ_URL: E2E_MUSICBRAINZ_URL,
        MUSICBRAINZ_RUN_BUDGET: String(E2E_MUSICBRAINZ_RUN_BUDGET),
      },
    },
  ],
});
