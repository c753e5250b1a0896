import { test, type Page } from "@playwright/test";

/**
 * A full-page screenshot, attached to the test and kept under test-results/screenshots/ for
 * people to look at. Scrolled through first, so lazy images below the fold have loaded, and back
 * to the top, so the sticky header sits where a reader sees it.
 */
export async function savePageScreenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
