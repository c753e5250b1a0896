import { expect, test } from "./support/test";

test("the home page introduces Encore and offers sign-in with Spotify", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/Encore/);
  await expect(page.getByRole("heading", { level: 1, name: "Encore" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in with Spotify" })).toBeVisible();
  await expect(page.getByRole("list", { name: "What Encore shows you" })).toContainText("Streaks and sessions");
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, db: "up" });
});
