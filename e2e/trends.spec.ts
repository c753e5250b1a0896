import { expect, test, type Page } from "@playwright/test";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";
import { e2eQuery } from "./support/database";
import { seedListeningHistory } from "./support/seed-dashboard";
import { cliTrends, seedTrendingHistory } from "./support/seed-trends";

const LISTENER = "ada";
// The instant the history is seeded around; the page takes it as ?now=, the report as --now.
const NOW = new Date();
NOW.setUTCMilliseconds(0);
const NOW_ISO = NOW.toISOString();

type Attributes = Record<string, string | null>;

async function items(page: Page, testId: string, names: string[]): Promise<Attributes[]> {
  return page
    .getByTestId(testId)
    .locator(":scope > li")
    .evaluateAll((elements, attributes) => elements.map((element) => Object.fromEntries(attributes.map((name) => [name, element.getAttribute(`data-${name}`)]))), names);
}

const close = (actual: string | null, expected: number) => Math.abs(Number(actual) - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

test.describe("trends of a listener with history", () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signInAs(page, LISTENER);
    await page.close();
    await seedListeningHistory(LISTENER);
    await seedTrendingHistory(LISTENER, NOW);
  });

  test.beforeEach(async ({ page }) => {
    await signInAs(page, LISTENER);
  });

  test("the trends page shows report --trends's figures, each item with its reason, and links every artist", async ({ page }) => {
    test.setTimeout(180_000); // three report commands on a shared machine
    const report = await cliTrends(LISTENER, ["--now", NOW_ISO]);
    expect(report.risingArtists.map((item) => item.id)).toContain("e2e-ar-gale");
    expect(report.fadingArtists.map((item) => item.id)).toContain("e2e-ar-hollow");
    expect(report.rediscoveries.map((item) => item.id)).toContain("e2e-ar-ivy");
    expect(report.unusualDays.length).toBeGreaterThan(0);

    // The first view is rendered on the server, figures included.
    const html = await (await page.request.get(`/dashboard/trends?now=${encodeURIComponent(NOW_ISO)}`)).text();
    expect(html).toContain(`data-id="e2e-ar-gale" data-recent="${report.risingArtists.find((item) => item.id === "e2e-ar-gale")!.recent}"`);

    await page.goto(`/dashboard/trends?now=${encodeURIComponent(NOW_ISO)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Trends" })).toBeVisible();
    const rising = await items(page, "rising-artists", ["id", "recent", "baseline", "score"]);
    expect(rising.map((item) => item.id)).toEqual(report.risingArtists.map((item) => item.id));
    report.risingArtists.forEach((expected, index) => {
      expect(Number(rising[index].recent)).toBe(expected.recent);
      expect(Number(rising[index].baseline)).toBe(expected.baseline);
      expect(close(rising[index].score, expected.score)).toBe(true);
    });
    const tracks = await items(page, "rising-tracks", ["id", "recent", "baseline"]);
    expect(tracks).toEqual(report.risingTracks.map((item) => ({ id: item.id, recent: String(item.recent), baseline: String(item.baseline) })));
    const fading = await items(page, "fading-artists", ["id", "recent", "baseline"]);
    expect(fading).toEqual(report.fadingArtists.map((item) => ({ id: item.id, recent: String(item.recent), baseline: String(item.baseline) })));
    const rediscoveries = await items(page, "rediscoveries", ["id", "gap-days", "last-before", "recent"]);
    expect(rediscoveries).toEqual(report.rediscoveries.map((item) => ({ id: item.id, "gap-days": String(item.gapDays), "last-before": item.lastBefore, recent: String(item.recent) })));
    const unusual = await items(page, "unusual-days", ["date", "minutes", "median", "z"]);
    expect(unusual.map((item) => item.date)).toEqual(report.unusualDays.map((item) => item.date));
    report.unusualDays.forEach((expected, index) => {
      expect(close(unusual[index].minutes, expected.minutes)).toBe(true);
      expect(close(unusual[index].median, expected.baselineMedian)).toBe(true);
      expect(close(unusual[index].z, expected.z)).toBe(true);
    });

    // Each rising item's 28-week chart: its last four weeks are `recent`, the 24 before `baseline`.
    for (const expected of report.risingArtists) {
      const weeks = (await page.getByTestId("rising-artists").locator(`li[data-id="${expected.id}"] [data-weeks]`).getAttribute("data-weeks"))!.split(",").map(Number);
      expect(weeks).toHaveLength(28);
      expect(weeks.slice(24).reduce((a, b) => a + b, 0)).toBe(expected.recent);
      expect(weeks.slice(0, 24).reduce((a, b) => a + b, 0)).toBe(expected.baseline);
    }

    // Plain words and links.
    const ivy = page.getByTestId("rediscoveries").locator('li[data-id="e2e-ar-ivy"]');
    await expect(ivy).toContainText("Back after 14 months");
    await expect(ivy.getByRole("link", { name: "Ivy Lane" })).toHaveAttribute("href", "/dashboard/artists/e2e-ar-ivy");
    await expect(page.getByTestId("rising-artists").locator('li[data-id="e2e-ar-gale"]')).toContainText("in the last four weeks, and none in the 24 weeks before.");
    await expect(page.getByTestId("fading-artists").locator('li[data-id="e2e-ar-hollow"]')).toContainText("No streams in the last four weeks");
    await expect(page.getByTestId("rising-tracks").getByRole("link", { name: "Gale Warning" })).toHaveAttribute("href", "/dashboard/artists/e2e-ar-gale");
    for (const section of ["rising-artists", "fading-artists", "rediscoveries"]) {
      for (const link of await page.getByTestId(section).getByRole("link").all()) expect(await link.getAttribute("href")).toMatch(/^\/dashboard\/artists\/e2e-/);
    }
    await expect(page.getByTestId("unusual-days").locator("li").first()).toContainText("where your days usually vary by about");

    // The timeline marks the unusual days; hovering one shows its minutes, the usual amount and why.
    const timeline = page.getByTestId("unusual-timeline");
    const marked = (await timeline.getAttribute("data-marked"))!.split(",");
    for (const day of report.unusualDays) expect(marked).toContain(day.date);
    const mark = timeline.locator("path.recharts-symbols").first();
    await mark.scrollIntoViewIfNeeded();
    await mark.hover();
    const tooltip = page.getByTestId("timeline-tooltip");
    await expect(tooltip).toContainText("listened");
    await expect(tooltip).toContainText("Usually");
    await expect(tooltip).toContainText("Unusual:");
    await expect(page.locator("table.sr-only caption", { hasText: "Unusual days of the last year" })).toHaveCount(1);
    await timeline.screenshot({ path: "test-results/screenshots/trends-timeline-hover.png" });
    await page.goto(`/dashboard/trends?now=${encodeURIComponent(NOW_ISO)}`);
    await savePageScreenshot(page, "trends-desktop");

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByTestId("rising-artists")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await savePageScreenshot(page, "trends-phone");
  });

  test("the overview's Trending now card shows the top three rising artists and links to the trends page", async ({ page }) => {
    let report = await cliTrends(LISTENER, ["--now", new Date().toISOString(), "--limit", "3"]);
    await page.goto("/dashboard?range=all");
    const card = page.getByRole("region", { name: "Trending now" });
    await expect(card).toBeVisible();
    let ids = await card.getByTestId("trending-now").locator("li").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-id")));
    if (ids.join() !== report.risingArtists.map((item) => item.id).join()) {
      report = await cliTrends(LISTENER, ["--now", new Date().toISOString(), "--limit", "3"]); // the local date turned meanwhile
    }
    expect(report.risingArtists.length).toBeGreaterThan(0);
    ids = await card.getByTestId("trending-now").locator("li").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-id")));
    expect(ids).toEqual(report.risingArtists.map((item) => item.id));
    const first = report.risingArtists[0];
    await expect(card.locator(`li[data-id="${first.id}"]`)).toHaveAttribute("data-recent", String(first.recent));
    await expect(card.locator(`li[data-id="${first.id}"]`)).toHaveAttribute("data-baseline", String(first.baseline));
    await expect(card.getByRole("link", { name: first.name })).toHaveAttribute("href", `/dashboard/artists/${first.id}`);
    await savePageScreenshot(page, "overview-trending-now");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await card.scrollIntoViewIfNeeded();
    await savePageScreenshot(page, "overview-trending-now-phone");
    await card.getByRole("link", { name: "See all trends" }).click();
    await expect(page).toHaveURL(/\/dashboard\/trends$/);
    await expect(page.getByRole("heading", { level: 1, name: "Trends" })).toBeVisible();
  });

  test("GET /api/trends answers the signed-in user's trends, and nobody's without a session", async ({ page, playwright, baseURL }) => {
    const response = await page.request.get(`/api/trends?now=${encodeURIComponent(NOW_ISO)}&limit=4`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual(await cliTrends(LISTENER, ["--now", NOW_ISO, "--limit", "4"]));
    const bad = await page.request.get("/api/trends?now=yesterday");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/now/);
    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get("/api/trends")).status()).toBe(401);
    await anonymous.dispose();
  });

  test("before four weeks of history the page says when trends will appear", async ({ page }) => {
    const [first] = await e2eQuery<{ first: Date }>("SELECT min(p.played_at) AS first FROM plays p JOIN users u ON u.id = p.user_id WHERE u.spotify_id = $1", [LISTENER]);
    const early = new Date(first.first.getTime() + 10 * 86_400_000).toISOString();
    await page.goto(`/dashboard/trends?now=${encodeURIComponent(early)}`);
    await expect(page.getByTestId("empty-state")).toContainText("Trends need four weeks of listening");
    await expect(page.getByTestId("empty-state")).toContainText("so they appear on");
    await expect(page.getByTestId("trends-as-of")).toBeVisible();
    await savePageScreenshot(page, "trends-too-early");
    // A date not understood: today's trends, with a note.
    const response = await page.goto("/dashboard/trends?now=someday");
    expect(response?.status()).toBe(200);
    await expect(page.getByText("was not understood")).toBeVisible();
    await expect(page.getByTestId("rising-artists")).toBeVisible();
  });
});

test.describe("trends of a listener without plays", () => {
  test("the page says what to do next", async ({ page }) => {
    await signInAs(page, "dana");
    const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = 'dana'");
    await e2eQuery("DELETE FROM plays WHERE user_id = $1", [user.id]);
    await e2eQuery("DELETE FROM stats_rollup_state WHERE user_id = $1", [user.id]);
    await page.goto("/dashboard/trends");
    await expect(page.getByTestId("empty-state")).toContainText("No listening history yet");
    await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Trends" })).toHaveAttribute("aria-current", "page");
  });
});
