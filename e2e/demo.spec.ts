import { recreateDatabase } from "@/lib/db/admin";
import { isPortFree as isPortFreeOn } from "../scripts/support/processes";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "./support/test";
import { savePageScreenshot } from "./support/screenshot";

/**
 * `npm run demo` as a user runs it: a fresh data folder, the command in a process group of its
 * own, sign-in through the simulator's page, Ada's figures on the dashboard, then Ctrl-C.
 * It runs on its own ports beside the other end-to-end tests' app, and on a fresh database of
 * the end-to-end PostgreSQL server (DATABASE_URL given: the demo starts no embedded server).
 * The production build `npm test` just made is reused.
 */
const DEMO_APP_PORT = Number(process.env.E2E_DEMO_APP_PORT ?? 3300);
const DEMO_SIM_PORT = Number(process.env.E2E_DEMO_SIM_PORT ?? 4310);
const DEMO_MUSICBRAINZ_PORT = Number(process.env.E2E_DEMO_MUSICBRAINZ_PORT ?? DEMO_SIM_PORT + 10);
const demoUrl = `http://127.0.0.1:${DEMO_APP_PORT}`;

async function freshDatabase(name: string): Promise<string> {
  const server = process.env.E2E_DATABASE_URL;
  if (!server) throw new Error("E2E_DATABASE_URL is not set");
  return recreateDatabase(server, name);
}

/** Collects the demo's output and resolves when a line matches. */
class Output {
  text = "";
  private waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];

  constructor(child: ChildProcess) {
    const take = (chunk: Buffer) => {
      this.text += chunk.toString("utf8");
      this.waiters = this.waiters.filter((waiter) => (waiter.pattern.test(this.text) ? (waiter.resolve(), false) : true));
    };
    child.stdout?.on("data", take);
    child.stderr?.on("data", take);
  }

  waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
    if (pattern.test(this.text)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; the demo said:\n${this.text.slice(-3000)}`)), timeoutMs);
      this.waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}

test("npm run demo: from a fresh data folder to Ada's dashboard, then Ctrl-C stops everything", async ({ browser }) => {
  test.setTimeout(300_000);
  expect(await isPortFreeOn(DEMO_APP_PORT, "127.0.0.1"), `port ${DEMO_APP_PORT} must be free`).toBe(true);
  expect(await isPortFreeOn(DEMO_SIM_PORT, "127.0.0.1"), `port ${DEMO_SIM_PORT} must be free`).toBe(true);
  expect(await isPortFreeOn(DEMO_MUSICBRAINZ_PORT, "127.0.0.1"), `port ${DEMO_MUSICBRAINZ_PORT} must be free`).toBe(true);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "encore-demo-e2e-"));
  const databaseUrl = await freshDatabase(`encore_demo_e2e_${DEMO_APP_PORT}`);

  // As package.json's "demo" runs it: one process (tsx's loader in it, not tsx's CLI around it).
  const demo = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
    cwd: process.cwd(),
    // Its own process group: Ctrl-C in a terminal signals the whole group, and so does the test.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ENCORE_ROOT: root,
      DATABASE_URL: databaseUrl,
      PORT: String(DEMO_APP_PORT),
      SIM_PORT: String(DEMO_SIM_PORT),
      MUSICBRAINZ_SIM_PORT: String(DEMO_MUSICBRAINZ_PORT),
      // A third of the default, so that each round (MusicBrainz part: ~1 request a second) stays short here.
      MUSICBRAINZ_RUN_BUDGET: "20",
      GENRES: "",
      MUSICBRAINZ_URL: "",
      // The first round of new plays before anyone signs in; the next ones on the demo's own
      // schedule (minutes): what fills the figures after the sign-in is the sign-in's own
      // collection and the extra runs the demo makes while details wait.
      DEMO_FIRST_ROUND_MS: "2000",
      AUTH_SECRET: "",
      TOKEN_ENCRYPTION_KEY: "",
      CRON_SECRET: "",
      NEXTAUTH_URL: "",
    },
  });
  const output = new Output(demo);
  const exited = new Promise<string>((resolve) => demo.once("exit", (code, signal) => resolve(signal ?? `exit code ${code}`)));
  try {
    await output.waitFor(/Encore demo is ready/, 100_000);
    expect(output.text).toContain("Using the database at DATABASE_URL (no embedded server)");
    expect(output.text).toContain(`Open ${demoUrl} and click "Sign in with Spotify", then "Continue as Ada Listener"`);
    expect(output.text).toMatch(/Imported Ada's generated Spotify export \(\d+ files, \d+ entries, \d+ plays\)/);
    // Secrets were generated into the fresh data folder, so sessions survive a restart.
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(root, ".data", "secrets.json"), "utf8")) as object).sort()).toEqual(["AUTH_SECRET", "CRON_SECRET", "TOKEN_ENCRYPTION_KEY"]);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(demoUrl);
    await page.getByRole("button", { name: "Sign in with Spotify" }).click();
    await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${DEMO_SIM_PORT}/authorize`));
    await page.getByRole("link", { name: "Continue as Ada Listener" }).click();
    await page.waitForURL(`${demoUrl}/dashboard**`);
    const signedInAt = Date.now();
    await expect(page.getByText("Ada Listener").first()).toBeVisible();

    // The first minutes: the sign-in started Ada's collection, and the pages say what it does
    // while Spotify details of her imported year (album track counts, genres) are read.
    const completion = await context.newPage();
    await completion.goto(`${demoUrl}/dashboard/albums/completion`);
    await expect(page.getByTestId("collection-progress")).toBeVisible();
    await expect(page.getByTestId("collection-progress")).toContainText(/Reading your last 50 plays…|Details for [\d,]+ tracks?( and [\d,]+ artists?)?: [\d,]+ done/);
    // The first view as it is (the full-page screenshots below wait for the page to settle).
    await page.screenshot({ path: "test-results/screenshots/demo-first-minutes-first-view.png" });
    await savePageScreenshot(page, "demo-first-minutes-overview-collecting");
    await savePageScreenshot(completion, "demo-first-minutes-completion-collecting");
    // Neither page is reloaded: a full reload would drop these marks.
    for (const open of [page, completion]) await open.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const withinAMinute = () => Math.max(1_000, 60_000 - (Date.now() - signedInAt));
    await expect(page.getByTestId("top-genres").getByRole("listitem").first()).toBeVisible({ timeout: withinAMinute() });
    await expect(completion.getByTestId("album-completion").getByText("Completed").first()).toBeVisible({ timeout: withinAMinute() });
    await expect(completion.getByTestId("completed-albums")).not.toHaveAttribute("data-value", "0");
    // The rest of the details follow (on a loaded machine past the minute): the banner goes by itself.
    await expect(page.getByTestId("collection-progress")).toHaveCount(0, { timeout: Math.max(1_000, 120_000 - (Date.now() - signedInAt)) });
    for (const open of [page, completion]) expect(await open.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await savePageScreenshot(page, "demo-first-minutes-overview-filled");
    await savePageScreenshot(completion, "demo-first-minutes-completion-filled");
    await completion.close();
    // Every card of a year in review is there, the top genre's too (the year of the middle of Ada's year of history).
    await page.goto(`${demoUrl}/wrapped/${new Date(Date.now() - 180 * 86_400_000).getUTCFullYear()}`);
    for (const card of ["minutes", "top-artist", "top-track", "top-genre", "longest-streak", "new-artists", "busiest-hour"]) {
      await expect(page.getByTestId(`wrapped-${card}`), card).toBeVisible();
    }

    await page.goto(`${demoUrl}/dashboard?range=all`);
    for (const figure of ["total-streams", "total-plays", "unique-artists", "unique-tracks", "total-minutes"]) {
      expect(Number(await page.getByTestId(figure).getAttribute("data-value")), figure).toBeGreaterThan(0);
    }
    // A year of history: thousands of streams, on most days of the year.
    expect(Number(await page.getByTestId("total-streams").getAttribute("data-value"))).toBeGreaterThan(3_000);

    // Once signed in, the demo's runs reach Ada through the ingestion path: her sign-in's own
    // collection (in the app), then the demo's extra run for the details that did not fit its budget.
    await output.waitFor(/\[collection\] sign-in collection for ada: ok, \d+ new plays/, 30_000);
    // Then a demo run reaches her: the extra one for waiting details, or the next round if that came first.
    await output.waitFor(/ingestion (?:ran; it )?stored \d+ new plays \(ada ok\)/, 60_000);

    // Genres within the demo's first minutes: Spotify (development mode) gives none; the demo's
    // rounds look Ada's artists up on its MusicBrainz simulator.
    await output.waitFor(/MusicBrainz genres for [1-9]\d* artists so far/, 60_000);
    await expect(async () => {
      await page.goto(`${demoUrl}/dashboard/genres?range=all`);
      expect(await page.getByTestId("ranked-genres").locator("li").count()).toBeGreaterThan(2);
    }).toPass({ timeout: 90_000, intervals: [3_000, 5_000] });
    await expect(page.getByTestId("genre-source")).toContainText("Genres from MusicBrainz, CC BY-NC-SA.");
    await expect(page.getByTestId("genres-missing")).toContainText(/\d+ of your \d+ artists (has|have) no genres yet|All \d+ of your artists have genres/);
    await savePageScreenshot(page, "demo-genres");

    // Her playlists were collected in that round, and one of them changed and was collected again.
    await output.waitFor(/Ada changed her playlist "([^"]+)"/, 90_000);
    const changedName = /Ada changed her playlist "([^"]+)"/.exec(output.text)![1];
    await page.goto(`${demoUrl}/dashboard/playlists`);
    const playlists = page.getByTestId("playlist");
    expect(await playlists.count()).toBeGreaterThanOrEqual(6);
    await expect(playlists.filter({ hasText: "Discover Weekly" }).getByTestId("playlist-reason")).toHaveAttribute("data-reason", "spotify-owned");
    await expect(playlists.filter({ hasText: "Collaborative" })).toHaveCount(1);
    expect(await playlists.filter({ hasText: /320 tracks/ }).count()).toBe(1);
    await savePageScreenshot(page, "demo-playlists");
    // Her generated year earns each suggestion on "Needs a Tidy-Up".
    await playlists.filter({ hasText: "Needs a Tidy-Up" }).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: "Needs a Tidy-Up" })).toBeVisible();
    await expect(page.getByTestId("playlist-track").first()).toBeVisible();
    for (const suggestion of ["often-skipped", "rarely-played"]) {
      expect(await page.locator(`[data-testid="playlist-track"][data-suggestion="${suggestion}"]`).count(), suggestion).toBeGreaterThan(0);
    }
    expect(await page.locator('[data-testid="playlist-track"][data-suggestion=""]').count()).toBeGreaterThan(0);
    await savePageScreenshot(page, "demo-playlist-tidy-up");
    await page.goto(`${demoUrl}/dashboard/playlists`);
    await playlists.filter({ hasText: changedName }).first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: changedName })).toBeVisible();
    await expect(page.getByTestId("playlist-change")).toHaveCount(1);
    await expect(page.getByTestId("playlist-change")).toContainText("+2");
    await savePageScreenshot(page, "demo-playlist-history");

    // A command run beside the demo, with no key in its environment, reads the tokens the app stored.
    const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/checks.ts", "--json"], {
      env: { ...process.env, ENCORE_ROOT: root, DATABASE_URL: databaseUrl, TOKEN_ENCRYPTION_KEY: "" },
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" })); // exits 1 when any check fails
    const checks = JSON.parse(stdout) as { name: string; ok: boolean; count: number }[];
    expect(checks.find((check) => check.name === "tokens_readable")).toMatchObject({ ok: true, count: 0 });
    // `npm run ingest` beside the demo finds its simulator (no Spotify settings in its environment).
    const ingest = await promisify(execFile)("npx", ["tsx", "scripts/ingest.ts"], {
      env: { ...process.env, ENCORE_ROOT: root, DATABASE_URL: databaseUrl, TOKEN_ENCRYPTION_KEY: "", SPOTIFY_ACCOUNTS_URL: "", SPOTIFY_API_URL: "", SPOTIFY_CLIENT_ID: "", SPOTIFY_CLIENT_SECRET: "" },
    });
    expect(ingest.stderr).toContain("the demo is running: using its Spotify simulator");
    expect((JSON.parse(ingest.stdout) as { users: { spotifyId: string; status: string }[] }).users).toContainEqual(expect.objectContaining({ spotifyId: "ada", status: "ok" }));
    await context.close();
  } finally {
    if (demo.exitCode === null && demo.pid) process.kill(-demo.pid, "SIGINT");
  }

  // Ctrl-C may show in its exit status; what matters is that it ends, and quickly.
  const ending = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve("still running after 20 s"), 20_000))]);
  expect(ending, output.text.slice(-2000)).not.toBe("still running after 20 s");
  expect(output.text).toContain("Ctrl-C: stopping the demo");
  // Nothing of it is left: both ports are free again, and no process of the group survives.
  expect(await isPortFreeOn(DEMO_APP_PORT, "127.0.0.1")).toBe(true);
  expect(await isPortFreeOn(DEMO_SIM_PORT, "127.0.0.1")).toBe(true);
  expect(await isPortFreeOn(DEMO_MUSICBRAINZ_PORT, "127.0.0.1")).toBe(true);
  expect(() => process.kill(-demo.pid!, 0)).toThrow();
  fs.rmSync(root, { recursive: true, force: true });
});
