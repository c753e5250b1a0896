import { expect, test, type Page } from "./support/test";
import { E2E_CRON_SECRET } from "../playwright.config";
import { e2eQuery } from "./support/database";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs, waitForSignInCollection } from "./support/sign-in";

/**
 * The first minutes (SPEC §3, §6): a sign-in starts the listener's own collection, and while a
 * collection works for them, their pages say what it does and update themselves when it ends.
 * A run "in progress" is staged as a `running` ingest_runs row (what a run writes when it
 * starts), so each state stays on screen as long as the test looks at it; a real run ends it.
 */

type CollectionStatus = { state: string; running: boolean; details: { tracks: number; artists: number; done: number; pending: number } | null };

async function userId(spotifyId: string): Promise<string> {
  const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = $1", [spotifyId]);
  return user.id;
}

async function statusOf(page: Page): Promise<CollectionStatus> {
  const response = await page.request.get("/api/collection-status");
  expect(response.status()).toBe(200);
  return (await response.json()) as CollectionStatus;
}

/** Marks the page's document: a full reload would drop the mark. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
}

async function runCron(page: Page): Promise<void> {
  const response = await page.request.post("/api/cron/ingest", { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(response.status()).toBe(200);
}

test("a sign-in starts one collection, for that listener only", async ({ page, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await anonymous.get("/api/collection-status")).status()).toBe(401);
  await anonymous.dispose();
  const [{ now: before }] = await e2eQuery<{ now: Date }>("SELECT now()");
  await signInAs(page, "chandra", { waitForCollection: false });
  await waitForSignInCollection("chandra", before);
  const chandra = await userId("chandra");
  const runs = await e2eQuery<{ id: string; trigger: string; user_ids: string[]; status: string }>(
    "SELECT id, trigger, user_ids, status::text AS status FROM ingest_runs WHERE started_at >= $1 ORDER BY started_at",
    [before],
  );
  expect(runs.map((run) => [run.trigger, run.user_ids, run.status])).toEqual([["signin", [chandra], "succeeded"]]);
  const outcomes = await e2eQuery<{ user_id: string; status: string }>("SELECT user_id, status FROM ingest_run_users WHERE run_id = $1", [runs[0].id]);
  expect(outcomes).toEqual([{ user_id: chandra, status: "ok" }]);
  // Her plays are there at once: the overview is no empty state.
  await page.goto("/dashboard?range=all");
  expect(Number(await page.getByTestId("total-plays").getAttribute("data-value"))).toBeGreaterThan(0);
});

test("while a collection works for a listener, their pages say what it does, nobody else's do, and they update themselves when it ends", async ({ browser }) => {
  test.setTimeout(120_000);
  const danaContext = await browser.newContext();
  const benContext = await browser.newContext();
  const dana = await danaContext.newPage();
  const ben = await benContext.newPage();
  await signInAs(dana, "dana");
  await signInAs(ben, "ben");
  const danaId = await userId("dana");
  const benId = await userId("ben");

  // Dana as a new listener whose first collection has just started: no plays yet, never ingested.
  await e2eQuery("DELETE FROM plays WHERE user_id = $1", [danaId]);
  await e2eQuery("DELETE FROM stats_rollup_state WHERE user_id = $1", [danaId]);
  await e2eQuery("UPDATE users SET ingest_cursor = NULL, last_ingested_at = NULL WHERE id = $1", [danaId]);
  const [run] = await e2eQuery<{ id: string }>(
    "INSERT INTO ingest_runs (id, trigger, status, user_ids, started_at) VALUES ('e2e-first-minutes-' || md5(random()::text), 'signin', 'running', ARRAY[$1], now()) RETURNING id",
    [danaId],
  );
  try {
    await dana.goto("/dashboard");
    await expect(dana.getByTestId("collection-progress")).toHaveText(/Reading your last 50 plays…/);
    await expect(dana.getByTestId("empty-state")).toContainText("Your first plays are on their way");
    await savePageScreenshot(dana, "collection-reading-plays");
    expect(await statusOf(dana)).toMatchObject({ state: "plays", running: true });
    // Ben's pages and status know nothing of Dana's run.
    expect(await statusOf(ben)).toEqual({ state: "idle", running: false, details: null, resumesAt: null });
    await ben.goto("/dashboard");
    await expect(ben.getByTestId("top-artists")).toBeVisible();
    await expect(ben.getByTestId("collection-progress")).toHaveCount(0);

    // A real run stores Dana's plays, then the staged run ends (as a run that stops writes its
    // row): her overview fills in by itself.
    await markDocument(dana);
    await runCron(ben);
    await e2eQuery("UPDATE ingest_runs SET status = 'succeeded', finished_at = now() WHERE id = $1", [run.id]);
    await expect(dana.getByTestId("total-plays")).toHaveAttribute("data-value", /^[1-9]\d*$/, { timeout: 20_000 });
    await expect(dana.getByTestId("collection-progress")).toHaveCount(0);
    expect(await stillSameDocument(dana)).toBe(true);
  } finally {
    await e2eQuery("DELETE FROM ingest_runs WHERE id = $1", [run.id]);
  }

  // Details of Dana's tracks (only hers, none of Ben's) wait for Spotify: the banner counts them.
  const tracks = await e2eQuery<{ track_id: string }>(
    "SELECT DISTINCT track_id FROM plays WHERE user_id = $1 AND track_id NOT IN (SELECT track_id FROM plays WHERE user_id = $2) ORDER BY track_id",
    [danaId, benId],
  );
  expect(tracks.length).toBeGreaterThan(3);
  await e2eQuery("INSERT INTO enrichment_tasks (kind, spotify_id) SELECT 'track', unnest($1::text[]) ON CONFLICT DO NOTHING", [tracks.map((track) => track.track_id)]);
  try {
    await dana.goto("/dashboard");
    const status = await statusOf(dana);
    expect(status).toMatchObject({ state: "details", running: false });
    // Her tracks read before count as done; the queued ones are what waits.
    expect(status.details!.pending).toBe(tracks.length);
    expect(status.details!.tracks).toBeGreaterThanOrEqual(tracks.length);
    // Artists are named only while some of hers wait (here their details may all be known).
    const waitingArtists = status.details!.artists > 0 ? ` and ${status.details!.artists} artist${status.details!.artists === 1 ? "" : "s"}` : "";
    await expect(dana.getByTestId("collection-progress")).toContainText(
      `Details for ${status.details!.tracks} tracks${waitingArtists}: ${status.details!.done} done`,
    );
    await expect(dana.getByTestId("collection-progress").getByRole("progressbar")).toHaveAttribute("aria-valuenow", String(status.details!.done));
    await savePageScreenshot(dana, "collection-details-waiting");
    await dana.setViewportSize({ width: 390, height: 844 });
    await savePageScreenshot(dana, "collection-details-waiting-phone");
    await dana.setViewportSize({ width: 1280, height: 720 });
    expect(await statusOf(ben)).toEqual({ state: "idle", running: false, details: null, resumesAt: null });
    await ben.goto("/dashboard/albums/completion");
    await expect(ben.getByTestId("collection-progress")).toHaveCount(0);

    // The next run reads them (Spotify's answers were known already): the banner goes by itself.
    await markDocument(dana);
    await runCron(ben);
    await expect(dana.getByTestId("collection-progress")).toHaveCount(0, { timeout: 20_000 });
    expect(await stillSameDocument(dana)).toBe(true);
    expect(await statusOf(dana)).toEqual({ state: "idle", running: false, details: null, resumesAt: null });
  } finally {
    await e2eQuery("DELETE FROM enrichment_tasks WHERE kind = 'track' AND spotify_id = ANY($1::text[])", [tracks.map((track) => track.track_id)]);
  }
  await danaContext.close();
  await benContext.close();
});

test("the year in review leaves out a card whose figure is unknown: no genre card without genres; pending details are said", async ({ page }) => {
  await signInAs(page, "chandra");
  const chandra = await userId("chandra");
  // A year (2011) of plays of an artist Spotify gives no genres.
  await e2eQuery("INSERT INTO artists (id, name, genres, details_fetched_at) VALUES ('e2e-nogenre-artist', 'Quiet Room', '{}', now()) ON CONFLICT (id) DO NOTHING");
  await e2eQuery("INSERT INTO albums (id, name, total_tracks) VALUES ('e2e-nogenre-album', 'Unfiled', 2) ON CONFLICT (id) DO NOTHING");
  for (const [id, name] of [
    ["e2e-nogenre-1", "First Unfiled"],
    ["e2e-nogenre-2", "Second Unfiled"],
  ]) {
    await e2eQuery("INSERT INTO tracks (id, name, duration_ms, album_id, enriched_at) VALUES ($1, $2, 200000, 'e2e-nogenre-album', now()) ON CONFLICT (id) DO NOTHING", [id, name]);
    await e2eQuery("INSERT INTO track_artists (track_id, position, artist_id) VALUES ($1, 0, 'e2e-nogenre-artist') ON CONFLICT DO NOTHING", [id]);
  }
  await e2eQuery(
    `INSERT INTO plays (user_id, track_id, played_at, ms_played, source)
     SELECT $1, t, p, 200000, 'export_extended' FROM unnest($2::text[], $3::timestamptz[]) AS x(t, p) ON CONFLICT DO NOTHING`,
    [chandra, ["e2e-nogenre-1", "e2e-nogenre-2", "e2e-nogenre-1"], ["2011-05-01T20:00:00.000Z", "2011-05-01T20:04:00.000Z", "2011-05-02T21:00:00.000Z"]],
  );
  // Plays written behind the stats module's back: reports read the plays themselves.
  await e2eQuery("DELETE FROM stats_rollup_state WHERE user_id = $1", [chandra]);

  await page.goto("/wrapped/2011");
  const cards = page.locator("[data-testid^='wrapped-']").filter({ has: page.locator(".wrapped-kicker") });
  await expect(cards).toHaveCount(6);
  expect(await cards.evaluateAll((items) => items.map((item) => item.getAttribute("data-testid")))).toEqual([
    "wrapped-minutes",
    "wrapped-top-artist",
    "wrapped-top-track",
    "wrapped-longest-streak",
    "wrapped-new-artists",
    "wrapped-busiest-hour",
  ]);
  await expect(page.getByTestId("wrapped-top-genre")).toHaveCount(0);
  await expect(page.locator(".wrapped-cards")).not.toContainText("—");
  await expect(page.getByTestId("wrapped-top-artist")).toContainText("Quiet Room");
  await savePageScreenshot(page, "wrapped-without-genres");

  // While the details that bring genres and track counts are still to be read, the pages say so
  // instead of "no genres known yet".
  await e2eQuery("UPDATE albums SET total_tracks = NULL WHERE id = 'e2e-nogenre-album'");
  await e2eQuery("INSERT INTO enrichment_tasks (kind, spotify_id) VALUES ('track', 'e2e-nogenre-1'), ('artist', 'e2e-nogenre-artist') ON CONFLICT DO NOTHING");
  try {
    await page.reload();
    await expect(page.getByTestId("details-pending")).toContainText("Genres come with your artists' details. Details for");
    await expect(page.getByTestId("wrapped-top-genre")).toHaveCount(0);
    await savePageScreenshot(page, "wrapped-details-pending");
    await page.goto("/dashboard/genres?from=2011-01-01&to=2012-01-01");
    await expect(page.getByTestId("empty-state")).toContainText("Reading details from Spotify…");
    await expect(page.getByTestId("details-pending")).toContainText(/Genres come with your artists' details\. Details for [\d,]+ tracks? and [\d,]+ artists?: [\d,]+ done\./);
    await savePageScreenshot(page, "genres-details-pending");
    await page.goto("/dashboard/albums/completion?from=2011-01-01&to=2012-01-01");
    await expect(page.getByTestId("empty-state")).toContainText("Reading details from Spotify…");
    await expect(page.getByTestId("details-pending")).toContainText("Album completion needs each album's track count");
    await savePageScreenshot(page, "completion-details-pending");
  } finally {
    await e2eQuery("DELETE FROM enrichment_tasks WHERE spotify_id IN ('e2e-nogenre-1', 'e2e-nogenre-artist')");
    await e2eQuery("UPDATE albums SET total_tracks = 2 WHERE id = 'e2e-nogenre-album'");
  }
});
