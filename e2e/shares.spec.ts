import { expect, test, type APIResponse, type Browser, type Page } from "./support/test";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";
import { e2eQuery } from "./support/database";
import { cliReport, seedListeningHistory } from "./support/seed-dashboard";

// SPEC §11: a share link is a snapshot anyone with the link can open, read-only, with no way into
// a dashboard; unknown, revoked and expired links are the same 404.
const LISTENER = "ben";
const YEAR = new Date().getUTCFullYear() - 1;

async function createLinkOn(page: Page, options: { showName: boolean }): Promise<string> {
  await page.getByTestId("share-open").click();
  if (options.showName) await page.getByTestId("share-show-name").check();
  await page.getByTestId("share-create").click();
  await expect(page.getByTestId("share-status")).toContainText("until");
  return page.getByTestId("share-url").inputValue();
}

/** A fresh browser context: no cookies, nobody signed in. */
async function asStranger<T>(browser: Browser, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * A 404's status, headers and body, with what differs by request only taken out: the date, the
 * per-request script nonce, and the requested token itself (the page's router state names its URL).
 */
async function notFoundShape(response: APIResponse, token: string) {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  const masked = (text: string) => (nonce ? text.replaceAll(nonce, "NONCE") : text).replaceAll(token, "TOKEN");
  const headers = Object.entries(response.headers())
    .filter(([name]) => name !== "date")
    .map(([name, value]) => [name, masked(value)])
    .sort();
  return { status: response.status(), body: masked(await response.text()), headers };
}

const tokenOf = (url: string) => url.split("/s/")[1];

test.describe("share links", () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signInAs(page, LISTENER);
    await page.close();
    expect(await seedListeningHistory(LISTENER)).toBeGreaterThan(1000);
  });

  test("a year in review shared, opened without an account, then revoked: a 404 like an unknown or expired link", async ({ page, browser }) => {
    await signInAs(page, LISTENER);
    await page.goto(`/wrapped/${YEAR}`);
    const minutes = await page.getByTestId("wrapped-minutes").getAttribute("data-value");
    const url = await createLinkOn(page, { showName: true });
    await savePageScreenshot(page, "wrapped-share-panel");
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/s/[A-Za-z0-9_-]{43}$`));

    await asStranger(browser, async (stranger) => {
      const response = await stranger.goto(url);
      expect(response?.status()).toBe(200);
      await expect(stranger.getByTestId("shared-title")).toHaveText(`Ben Okafor's ${YEAR} wrapped`);
      await expect(stranger.getByTestId("wrapped-minutes")).toHaveAttribute("data-value", minutes!);
      // Read-only and closed: no link anywhere on it, so nothing leads into a dashboard.
      expect(await stranger.locator("a[href]").count()).toBe(0);
      const image = stranger.locator('meta[property="og:image"]');
      await expect(image).toHaveAttribute("content", `${url}/image.png`);
      await expect(stranger.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
      await savePageScreenshot(stranger, "shared-wrapped");
      const png = await stranger.request.get(`${url}/image.png`);
      expect(png.status()).toBe(200);
      expect(png.headers()["content-type"]).toBe("image/png");
      expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");
      await stranger.goto(`${url}/image.png`);
      await savePageScreenshot(stranger, "shared-wrapped-image");
    });

    // Settings lists it; revoking it closes it.
    await page.goto("/settings");
    const links = page.getByTestId("share-links");
    await expect(links).toContainText(`${YEAR} wrapped`);
    await expect(links).toContainText("with your name");
    await savePageScreenshot(page, "settings-share-links");
    await links.locator("li").first().getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByTestId("share-links-empty")).toBeVisible();

    // An expired link: one made now and moved past its expiry in the database.
    await page.goto(`/wrapped/${YEAR}`);
    const expiredUrl = await createLinkOn(page, { showName: false });
    await e2eQuery("UPDATE shares SET expires_at = now() - interval '1 second' WHERE created_at = (SELECT max(created_at) FROM shares)");

    await asStranger(browser, async (stranger) => {
      const unknownUrl = `/s/${"x".repeat(43)}`;
      const [revoked, expired, unknown] = await Promise.all([url, expiredUrl, unknownUrl].map(async (link) => notFoundShape(await stranger.request.get(link), tokenOf(link))));
      expect(revoked.status).toBe(404);
      expect(expired).toEqual(revoked);
      expect(unknown).toEqual(revoked);
      const images = await Promise.all([url, expiredUrl, unknownUrl].map(async (link) => notFoundShape(await stranger.request.get(`${link}/image.png`), tokenOf(link))));
      expect(images[0].status).toBe(404);
      expect(images[1]).toEqual(images[0]);
      expect(images[2]).toEqual(images[0]);
    });
  });

  test("an overview shared for a range shows the figures of that range, without the name unless chosen", async ({ page, browser }) => {
    await signInAs(page, LISTENER);
    await page.goto("/dashboard?range=lastyear");
    const url = await createLinkOn(page, { showName: false });
    await expect(page.getByRole("group", { name: /Share the overview of last year \(Jan 1, \d{4} – Dec 31, \d{4}\)/ })).toBeVisible();
    await savePageScreenshot(page, "overview-share-panel");
    const report = await cliReport(LISTENER, ["--from", `${YEAR}-01-01`, "--to", `${YEAR + 1}-01-01`, "--limit", "5"]);
    await asStranger(browser, async (stranger) => {
      await stranger.goto(url);
      await expect(stranger.getByTestId("shared-title")).toHaveText(/^Listening · /);
      await expect(stranger.locator("body")).not.toContainText("Ben Okafor");
      await expect(stranger.getByTestId("total-streams")).toHaveAttribute("data-value", String(report.totals.streams));
      await expect(stranger.getByTestId("unique-artists")).toHaveAttribute("data-value", String(report.totals.uniqueArtists));
      const artists = await stranger.getByTestId("top-artists").locator("li").evaluateAll((items) => items.map((item) => item.getAttribute("data-id")));
      expect(artists).toEqual(report.topArtists.map((artist) => artist.id));
      await savePageScreenshot(stranger, "shared-overview");
      await stranger.setViewportSize({ width: 390, height: 844 });
      expect(await stranger.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await savePageScreenshot(stranger, "shared-overview-phone");
    });
  });

  test("making a link is refused cross-site and without a session", async ({ page, playwright }) => {
    await signInAs(page, LISTENER);
    const foreign = await page.request.post("/api/shares", { data: { kind: "wrapped", year: YEAR }, headers: { origin: "http://evil.example" } });
    expect(foreign.status()).toBe(403);
    const anonymous = await playwright.request.newContext({ baseURL: page.url() });
    expect((await anonymous.post("/api/shares", { data: { kind: "wrapped", year: YEAR } })).status()).toBe(401);
    await anonymous.dispose();
    const bad = await page.request.post("/api/shares", { data: { kind: "wrapped", year: YEAR, expiresInDays: 366 } });
    expect(bad.status()).toBe(400);
  });
});
