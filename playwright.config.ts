import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end layer: a real Chromium (Debian's, never a downloaded one) against the production
 * build, the Spotify simulator over real HTTP, and a fresh database prepared by `npm test`
 * (scripts/test.ts), which passes it as E2E_DATABASE_URL.
 */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);
export const E2E_CRON_SECRET = "e2e-cron-secret-0123456789";
const appUrl = `http://127.0.0.1:${E2E_APP_PORT}`;
const simUrl = `http://127.0.0.1:${E2E_SIM_PORT}`;
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
      command: `npx tsx scripts/sim.ts --port ${E2E_SIM_PORT} --extended-quota`,
      url: `${simUrl}/_sim/listeners`,
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
      },
    },
  ],
});
