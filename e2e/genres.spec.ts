import { expect, test } from "./support/test";
import packageJson from "../package.json";
import { E2E_APP_PORT, E2E_CRON_SECRET, E2E_MUSICBRAINZ_URL } from "../playwright.config";
import { e2eQuery } from "./support/database";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";

type MbLogEntry = { path: string; at: number; status: number; userAgent: string | null; rateLimited: boolean };

/**
 * Genres as a self-hosted install gets them (SPEC 12): Spotify (a development-mode app) gives
 * none, a collection run looks the artists up on MusicBrainz (the simulator), and the genres
 * page, the settings and the status page say where genres come from and what is left to do.
 * Counts on the pages are checked against the database, queried here independently.
 */
test("genres from MusicBrainz on the genres page, in settings and on the status page", async ({ page, request }) => {
  test.setTimeout(240_000);
  await fetch(`${E2E_MUSICBRAINZ_URL}/_sim/log`, { method: "DELETE" });
  // Chandra as a listener signing in for the first time (earlier specs delete her plays): her
  // sign-in's collection reads her last 50 plays again, and looks up her artists first.
  await e2eQuery("UPDATE users SET ingest_cursor = NULL, last_ingested_at = NULL WHERE spotify_id = 'chandra'");
  await signInAs(page, "chandra");
  // ...and her artists as never looked up on MusicBrainz (earlier specs' runs may have done it).
  await e2eQuery(
    `UPDATE artists SET musicbrainz_checked_at = NULL, musicbrainz_id = NULL, musicbrainz_retry_at = NULL, genres = '{}', genres_source = NULL
     WHERE genres_source IS DISTINCT FROM 'spotify'
       AND id IN (SELECT ta.artist_id FROM plays p JOIN users u ON u.id = p.user_id JOIN track_artists ta ON ta.track_id = p.track_id WHERE u.spotify_id = 'chandra')`,
  );

  // Each run looks up a few artists (MUSICBRAINZ_RUN_BUDGET is 12 requests here), every
  // listener's most streamed first: within a few runs Chandra's genres show.
  await expect(async () => {
    const run = await request.post("/api/cron/ingest", { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
    expect(run.status()).toBe(200);
    await page.goto("/dashboard/genres?range=all");
    expect(await page.getByTestId("ranked-genres").locator("li").count()).toBeGreaterThan(0);
  }).toPass({ timeout: 180_000, intervals: [1_000] });
  const source = page.getByTestId("genre-source");
  await expect(source).toContainText("Genres from MusicBrainz, CC BY-NC-SA.");
  await expect(source.getByRole("link", { name: "MusicBrainz" })).toHaveAttribute("href", "https://musicbrainz.org");
  await expect(source.getByRole("link", { name: "CC BY-NC-SA" })).toHaveAttribute("href", /creativecommons\.org\/licenses\/by-nc-sa/);

  // How many of Chandra's artists have no genres yet, counted here from the database.
  const [counts] = await e2eQuery<{ artists: string; without: string; pending: string; found: string; not_found: string }>(
    `WITH own AS (
       SELECT DISTINCT ta.artist_id FROM plays p JOIN users u ON u.id = p.user_id JOIN track_artists ta ON ta.track_id = p.track_id
       WHERE u.spotify_id = 'chandra' AND (p.ms_played IS NULL OR p.ms_played >= 30000))
     SELECT count(*) AS artists,
            count(*) FILTER (WHERE cardinality(a.genres) = 0) AS without,
            count(*) FILTER (WHERE a.genres_source IS DISTINCT FROM 'spotify' AND a.musicbrainz_checked_at IS NULL) AS pending,
            count(*) FILTER (WHERE a.musicbrainz_checked_at IS NOT NULL AND a.musicbrainz_id IS NOT NULL) AS found,
            count(*) FILTER (WHERE a.musicbrainz_checked_at IS NOT NULL AND a.musicbrainz_id IS NULL) AS not_found
     FROM own JOIN artists a ON a.id = own.artist_id`,
  );
  const artists = Number(counts.artists);
  const without = Number(counts.without);
  expect(artists).toBeGreaterThan(0);
  await expect(page.getByTestId("genres-missing")).toContainText(
    without === 0 ? `All ${artists} of your artists have genres` : `${without} of your ${artists} artists ${without === 1 ? "has" : "have"} no genres yet`,
  );
  await savePageScreenshot(page, "genres-musicbrainz");
  await page.setViewportSize({ width: 390, height: 844 });
  await savePageScreenshot(page, "genres-musicbrainz-phone");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Every request the app sent: Encore's User-Agent with its public URL, at most one a second.
  const log = (await (await fetch(`${E2E_MUSICBRAINZ_URL}/_sim/log`)).json()) as MbLogEntry[];
  expect(log.length).toBeGreaterThan(0);
  for (const entry of log) expect(entry.userAgent).toBe(`Encore/${packageJson.version} ( http://127.0.0.1:${E2E_APP_PORT} )`);
  expect(log.filter((entry) => entry.rateLimited)).toEqual([]);
  const times = log.map((entry) => entry.at).sort((a, b) => a - b);
  for (let i = 1; i < times.length; i += 1) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1000);

  await page.goto("/status");
  const queue = page.getByTestId("musicbrainz-queue");
  await expect(queue).toContainText("Genres from MusicBrainz");
  const artistsText = (count: string) => `${count} ${count === "1" ? "artist" : "artists"}`;
  await expect(queue.getByTestId("musicbrainz-pending")).toHaveText(artistsText(counts.pending));
  await expect(queue.getByTestId("musicbrainz-found")).toHaveText(artistsText(counts.found));
  await expect(queue.getByTestId("musicbrainz-not-found")).toContainText(artistsText(counts.not_found));
  await savePageScreenshot(page, "status-musicbrainz-queue");

  await page.goto("/settings");
  const setting = page.getByTestId("genres-setting");
  await expect(setting.getByRole("heading", { name: "Genres" })).toBeVisible();
  await expect(setting).toContainText("Genres from MusicBrainz, CC BY-NC-SA.");
  await savePageScreenshot(page, "settings-genres");
});
