import { expect, test, type Page } from "./support/test";
import { resolveRangeQuery, type RangePreset } from "@/lib/stats/range";
import type { Report } from "@/lib/stats/types";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";
import { e2eQuery } from "./support/database";
import { cliReport, seedListeningHistory } from "./support/seed-dashboard";

const LISTENER = "ada";

async function timeZoneOf(spotifyId: string): Promise<string> {
  const [user] = await e2eQuery<{ time_zone: string }>("SELECT time_zone FROM users WHERE spotify_id = $1", [spotifyId]);
  return user.time_zone;
}

/** The CLI's arguments for a URL preset: the same local dates the page resolves. */
async function rangeArgs(preset: RangePreset): Promise<string[]> {
  const range = resolveRangeQuery({ range: preset }, new Date(), await timeZoneOf(LISTENER));
  return [...(range.fromDate ? ["--from", range.fromDate] : []), ...(range.toDate ? ["--to", range.toDate] : [])];
}

async function valueOf(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute("data-value"));
}

async function listIds(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).locator("li").evaluateAll((items) => items.map((item) => item.getAttribute("data-id") ?? ""));
}

async function expectTotals(page: Page, report: Report) {
  await expect(page.getByTestId("total-streams")).toHaveAttribute("data-value", String(report.totals.streams));
  expect(await valueOf(page, "total-plays")).toBe(report.totals.plays);
  expect(await valueOf(page, "total-minutes")).toBe(Math.floor(report.totals.msListened / 60_000));
  expect(await valueOf(page, "unique-artists")).toBe(report.totals.uniqueArtists);
  expect(await valueOf(page, "unique-tracks")).toBe(report.totals.uniqueTracks);
  expect(await valueOf(page, "unique-albums")).toBe(report.totals.uniqueAlbums);
}

test.describe("dashboard of a listener with history", () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signInAs(page, LISTENER);
    await page.close();
    expect(await seedListeningHistory(LISTENER)).toBeGreaterThan(1000);
  });

  test.beforeEach(async ({ page }) => {
    await signInAs(page, LISTENER);
  });

  test("overview: totals and top 5 lists equal the report, in the server-rendered HTML too", async ({ page }) => {
    const report = await cliReport(LISTENER, [...(await rangeArgs("all")), "--limit", "5"]);
    const html = await (await page.request.get("/dashboard?range=all")).text();
    expect(html).toContain("Ada Listener");
    expect(html).toContain(`data-testid="total-streams" data-value="${report.totals.streams}"`);

    await page.goto("/dashboard?range=all");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expectTotals(page, report);
    expect(await listIds(page, "top-artists")).toEqual(report.topArtists.map((item) => item.id));
    expect(await listIds(page, "top-tracks")).toEqual(report.topTracks.map((item) => item.id));
    expect(await listIds(page, "top-albums")).toEqual(report.topAlbums.map((item) => item.id));
    expect(await listIds(page, "top-genres")).toEqual(report.topGenres.map((item) => item.name));
    // Names may be cut by CSS: the full name is always on hover.
    for (const name of await page.locator(".ranked-name").all()) expect(await name.getAttribute("title")).toBe(await name.textContent());
    // The chart has a text alternative.
    await expect(page.locator("table.sr-only caption", { hasText: "Minutes and streams per" })).toHaveCount(1);
    await savePageScreenshot(page, "overview-all");
  });

  test("switching range updates the figures without a full reload and keeps the range in the URL", async ({ page }) => {
    await page.goto("/dashboard");
    const fourWeeks = await cliReport(LISTENER, [...(await rangeArgs("4w")), "--limit", "5"]);
    await expectTotals(page, fourWeeks);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    for (const [label, preset] of [["6 months", "6m"], ["Last year", "lastyear"], ["This year", "year"]] as const) {
      const report = await cliReport(LISTENER, [...(await rangeArgs(preset)), "--limit", "5"]);
      await page.getByRole("link", { name: label, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`range=${preset}`));
      await expectTotals(page, report);
    }
    // Still the same document: the range changed through /api/stats, not a page load.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    // Custom dates.
    await page.getByRole("button", { name: "Custom" }).click();
    await page.getByLabel("From").fill("2025-11-01");
    await page.getByLabel("To (exclusive)").fill("2026-01-01");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/from=2025-11-01&to=2026-01-01/);
    await expectTotals(page, await cliReport(LISTENER, ["--from", "2025-11-01", "--to", "2026-01-01", "--limit", "5"]));

    // The range follows the navigation.
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Artists" }).click();
    await expect(page).toHaveURL(/\/dashboard\/artists\?from=2025-11-01&to=2026-01-01/);
  });

  test("an invalid range shows the default range with a note, never an error page", async ({ page }) => {
    const response = await page.goto("/dashboard?range=fortnight");
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("range-note")).toContainText("not understood");
    await expectTotals(page, await cliReport(LISTENER, [...(await rangeArgs("4w")), "--limit", "5"]));
    const bad = await page.request.get("/api/stats?range=fortnight");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/range/);
  });

  test("GET /api/stats answers the report of the signed-in user", async ({ page }) => {
    const args = await rangeArgs("6m");
    const response = await page.request.get(`/api/stats?from=${args[1]}&to=${args[3]}&limit=7`);
    expect(response.status()).toBe(200);
    const served = (await response.json()) as Report;
    const expected = await cliReport(LISTENER, [...args, "--limit", "7"]);
    // `current` streak and ranges depend on "now" only by the day: equal within a run.
    expect(served).toEqual(expected);
  });

  for (const kind of ["artists", "tracks", "albums", "genres"] as const) {
    test(`${kind}: ranked by streams, switchable to time, equal to the report`, async ({ page }) => {
      // Every item of the range (the simulator's catalogue has fewer than 1,000 of each), to rank either way here.
      const report = await cliReport(LISTENER, [...(await rangeArgs("all")), "--limit", "1000"]);
      const key = { artists: "topArtists", tracks: "topTracks", albums: "topAlbums", genres: "topGenres" } as const;
      const items = report[key[kind]] as { id?: string; name: string; streams: number; msListened: number }[];
      expect(items.length).toBeLessThan(1000);
      const idOf = (item: { id?: string; name: string }) => item.id ?? item.name;
      await page.goto(`/dashboard/${kind}?range=all`);
      expect(await listIds(page, `ranked-${kind}`)).toEqual(items.slice(0, 50).map(idOf));
      if (kind === "artists") await expect(page.locator('[title^="Delta Nine & The Extraordinarily Long"]')).toBeVisible();
      await savePageScreenshot(page, `${kind}-by-streams`);

      await page.getByRole("link", { name: "By time" }).click();
      await expect(page).toHaveURL(/by=time/);
      // The whole range's top 50 by time, ties as SPEC §5 (name, then id, by code point).
      const byCodePoint = (a: string, b: string) => {
        const [x, y] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)];
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
        return x.length - y.length;
      };
      const byTime = [...items].sort((a, b) => b.msListened - a.msListened || b.streams - a.streams || byCodePoint(a.name, b.name) || byCodePoint(idOf(a), idOf(b))).slice(0, 50);
      await expect.poll(() => listIds(page, `ranked-${kind}`)).toEqual(byTime.map(idOf));
      // Opened directly, the server renders the same ranking.
      await page.reload();
      expect(await listIds(page, `ranked-${kind}`)).toEqual(byTime.map(idOf));
      await savePageScreenshot(page, `${kind}-by-time`);
    });
  }

  test("habits: sessions, skip rate and the heatmap equal the report", async ({ page }) => {
    const report = await cliReport(LISTENER, [...(await rangeArgs("year")), "--limit", "5"]);
    await page.goto("/dashboard/habits?range=year");
    expect(await valueOf(page, "sessions-count")).toBe(report.sessions.count);
    expect(await valueOf(page, "skip-rate")).toBe(report.skipRate ?? -1);
    const cells = await page.locator(".heatmap-cell .sr-only").allInnerTexts();
    expect(cells).toHaveLength(7 * 24);
    expect(cells.map((text) => Number(text.replace(/\D/g, "")))).toEqual(report.heatmap.flat());
    await savePageScreenshot(page, "habits");
  });

  test("streaks: current, longest and artist streaks equal the report", async ({ page }) => {
    const report = await cliReport(LISTENER, [...(await rangeArgs("6m")), "--limit", "25"]);
    await page.goto("/dashboard/streaks?range=6m");
    expect(await valueOf(page, "current-streak")).toBe(report.streaks.current.days);
    expect(await valueOf(page, "longest-streak")).toBe(report.streaks.longest.days);
    expect(await listIds(page, "artist-streaks")).toEqual(report.streaks.artists.map((artist) => artist.id));
    await expect(page.locator(".calendar-day[title]").first()).toBeVisible();
    // The first view ships the calendar's dates only, with the range's own count of listening days.
    expect(await valueOf(page, "listening-days")).toBe(report.timeline.filter((day) => day.streams > 0).length);
    await savePageScreenshot(page, "streaks");
  });

  test("album completion: completed albums and the ranking equal the report", async ({ page }) => {
    const report = await cliReport(LISTENER, [...(await rangeArgs("all")), "--limit", "25"]);
    await page.goto("/dashboard/albums/completion?range=all");
    expect(await valueOf(page, "completed-albums")).toBe(report.albumCompletion.completedAlbums);
    expect(await listIds(page, "album-completion")).toEqual(report.albumCompletion.albums.map((album) => album.id));
    await expect(page.getByRole("progressbar").first()).toBeVisible();
    await savePageScreenshot(page, "album-completion");
  });

  test("wrapped: the year's cards equal the report, with a PNG share image", async ({ page }) => {
    const year = new Date().getUTCFullYear() - 1;
    const report = await cliReport(LISTENER, ["--year", String(year), "--limit", "1"]);
    const response = await page.goto(`/wrapped/${year}`);
    expect(response?.status()).toBe(200);
    expect(await valueOf(page, "wrapped-minutes")).toBe(Math.floor(report.totals.msListened / 60_000));
    await expect(page.getByTestId("wrapped-top-artist")).toHaveAttribute("data-value", report.topArtists[0].name);
    await expect(page.getByTestId("wrapped-top-track")).toHaveAttribute("data-value", report.topTracks[0].name);
    await expect(page.getByTestId("wrapped-top-genre")).toHaveAttribute("data-value", report.topGenres[0]?.name ?? "");
    expect(await valueOf(page, "wrapped-longest-streak")).toBe(report.streaks.longest.days);
    expect(await valueOf(page, "wrapped-new-artists")).toBe(report.totals.newArtists);
    const byHour = Array.from({ length: 24 }, (_, hour) => report.heatmap.reduce((sum, day) => sum + day[hour], 0));
    expect(await valueOf(page, "wrapped-busiest-hour")).toBe(byHour.indexOf(Math.max(...byHour)));
    await savePageScreenshot(page, "wrapped");

    const image = await page.request.get(`/api/og/wrapped?year=${year}`);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
    const png = await image.body();
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    await page.goto(`/api/og/wrapped?year=${year}`);
    await savePageScreenshot(page, "wrapped-share-image");

    const empty = await page.goto("/wrapped/2003");
    expect(empty?.status()).toBe(200);
    await expect(page.getByTestId("empty-state")).toContainText("No listening in 2003");
    // Any four-digit year is a year without plays, not a missing page; anything else is.
    expect((await page.goto("/wrapped/1999"))?.status()).toBe(200);
    await expect(page.getByTestId("empty-state")).toContainText("No listening in 1999");
    expect((await page.goto("/wrapped/twenty"))?.status()).toBe(404);
  });

  test("phone-sized viewport: the overview fits the width", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/dashboard?range=6m");
    await expect(page.getByTestId("total-streams")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await savePageScreenshot(page, "overview-phone");
    await page.goto("/dashboard/habits?range=6m");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await savePageScreenshot(page, "habits-phone");
  });

  test("light theme is available and persists across pages", async ({ page }) => {
    await page.goto("/dashboard?range=6m");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.getByRole("button", { name: "Switch to light theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await page.goto("/dashboard/tracks?range=6m");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await savePageScreenshot(page, "tracks-light");
  });
});

test.describe("dashboard of a listener without plays", () => {
  test("every page says what to do next", async ({ page }) => {
    await signInAs(page, "dana");
    const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = 'dana'");
    await e2eQuery("DELETE FROM plays WHERE user_id = $1", [user.id]);
    // Deleted behind the stats module's back (the sign-in's collection stored some): drop the rollups too.
    await e2eQuery("DELETE FROM stats_rollup_state WHERE user_id = $1", [user.id]);
    for (const path of ["/dashboard", "/dashboard/artists", "/dashboard/tracks", "/dashboard/albums", "/dashboard/genres", "/dashboard/habits", "/dashboard/streaks", "/dashboard/albums/completion"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByTestId("empty-state"), path).toContainText("No listening history yet");
      await expect(page.getByRole("link", { name: "Import your Spotify data export" })).toHaveAttribute("href", "/import");
    }
    await savePageScreenshot(page, "empty-completion");
    await page.goto("/dashboard");
    await savePageScreenshot(page, "empty-overview");
    const year = new Date().getUTCFullYear();
    expect((await page.goto(`/wrapped/${year}`))?.status()).toBe(200);
    await expect(page.getByTestId("empty-state")).toBeVisible();
    await savePageScreenshot(page, "empty-wrapped");
  });
});
