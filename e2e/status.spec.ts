import { expect, test } from "./support/test";
import { E2E_CRON_SECRET } from "../playwright.config";
import { e2eQuery } from "./support/database";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";

test("the status page shows the signed-in user's ingest run after the cron endpoint ran", async ({ page, request }) => {
  await signInAs(page, "dana");
  await page.goto("/status");
  await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
  await expect(page.getByTestId("check-results")).toContainText("No play dated in the future");
  const runsBefore = await page.getByTestId("ingest-run").count();
  if (runsBefore === 0) await expect(page.getByTestId("status-empty")).toContainText("Your first collection starts when you sign in");

  const [{ now: cronCalledAt }] = await e2eQuery<{ now: Date }>("SELECT now()");
  const response = await request.post("/api/cron/ingest", { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(response.status()).toBe(200);
  const result = (await response.json()) as { users: { spotifyId: string; status: string; inserted: number }[] };
  const dana = result.users.find((user) => user.spotifyId === "dana");
  expect(dana?.status).toBe("ok");

  await page.reload();
  await expect(page.getByTestId("status-empty")).toHaveCount(0);
  // The page lists the 20 newest runs (earlier specs may have run that many for Dana).
  await expect(page.getByTestId("ingest-run")).toHaveCount(Math.min(runsBefore + 1, 20));
  const newest = page.getByTestId("ingest-run").first();
  expect(Date.parse((await newest.locator("time").getAttribute("datetime")) ?? "")).toBeGreaterThanOrEqual(cronCalledAt.getTime());
  await expect(newest.getByTestId("ingest-status")).toHaveText("ok");
  await expect(newest).toContainText(String(dana?.inserted));
  // Nobody else's runs or names appear on Dana's page.
  await expect(page.getByTestId("ingest-runs")).not.toContainText("ada");
});

test("the status page counts the tracks Spotify no longer knows and says why a collection failed", async ({ page }) => {
  await signInAs(page, "chandra");
  const [chandra] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = 'chandra'");
  // As an import leaves them: the export's album and artist (provisional ids), then a 404 from Spotify.
  await e2eQuery("INSERT INTO artists (id, name) VALUES ('local:e2e-old-band', 'Old Band') ON CONFLICT DO NOTHING");
  await e2eQuery("INSERT INTO albums (id, name, artist_name) VALUES ('local:e2e-old-album', 'Old Album', 'Old Band') ON CONFLICT DO NOTHING");
  for (const [index, name] of ["Withdrawn One", "Withdrawn Two"].entries()) {
    const id = `00000000000000000gone${index}`;
    await e2eQuery(
      "INSERT INTO tracks (id, name, album_id, spotify_missing_at) VALUES ($1, $2, 'local:e2e-old-album', now()) ON CONFLICT (id) DO UPDATE SET spotify_missing_at = now()",
      [id, name],
    );
    await e2eQuery("INSERT INTO track_artists (track_id, position, artist_id) VALUES ($1, 0, 'local:e2e-old-band') ON CONFLICT DO NOTHING", [id]);
    await e2eQuery("INSERT INTO plays (user_id, track_id, played_at, ms_played, source) VALUES ($1, $2, '2019-05-01T10:00:00Z', 200000, 'export_extended') ON CONFLICT DO NOTHING", [chandra.id, id]);
  }
  // Plays written behind the statistics' back: drop Chandra's rollups so every figure reads the plays themselves.
  await e2eQuery("DELETE FROM stats_rollup_state WHERE user_id = $1", [chandra.id]);
  // A run whose refresh failed, as lib/ingest records it.
  const [run] = await e2eQuery<{ id: string }>("INSERT INTO ingest_runs (id, status, trigger, started_at, finished_at) VALUES ('e2e-failed-run', 'succeeded', 'cron', now(), now()) ON CONFLICT (id) DO UPDATE SET started_at = now() RETURNING id");
  const reason = "Refresh token: POST /api/token: HTTP 503 (gave up after 3 attempts); the next run tries again.";
  await e2eQuery("INSERT INTO ingest_run_users (run_id, user_id, status, error) VALUES ($1, $2, 'error', $3) ON CONFLICT DO NOTHING", [run.id, chandra.id, reason]);
  await page.goto("/status");
  await expect(page.getByTestId("unknown-to-spotify")).toContainText("2 tracks Spotify no longer knows");
  await expect(page.getByTestId("ingest-runs")).toContainText(reason);
  await savePageScreenshot(page, "status-unknown-tracks");
});

test("the status page says when the data-quality checks ran, keeps them between views and runs them again after a collection", async ({ page, request }) => {
  await signInAs(page, "dana");
  await page.goto("/status");
  const ranAt = page.getByTestId("checks-ran-at");
  await expect(ranAt).toContainText("The checks of your plays ran");
  const playsCheckedAt = async () => Date.parse((await ranAt.locator("time").first().getAttribute("datetime")) ?? "");
  const first = await playsCheckedAt();
  expect(Number.isNaN(first)).toBe(false);
  // Each scan of the plays shows the same instant.
  await expect(page.getByTestId("check-no_duplicate_plays").locator("time")).toHaveAttribute("datetime", new Date(first).toISOString());

  // Nothing changed: the next view reuses them, while the other checks run with the page.
  await page.reload();
  expect(await playsCheckedAt()).toBe(first);
  const pageRanAt = Date.parse((await ranAt.locator("time").nth(1).getAttribute("datetime")) ?? "");
  expect(pageRanAt).toBeGreaterThan(first);

  // A collection run covering Dana: the next view runs them again.
  const response = await request.post("/api/cron/ingest", { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(response.status()).toBe(200);
  await page.reload();
  expect(await playsCheckedAt()).toBeGreaterThan(first);
  await savePageScreenshot(page, "status-checks-ran-at");
});
