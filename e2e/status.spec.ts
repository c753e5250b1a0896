import { expect, test } from "@playwright/test";
import { E2E_CRON_SECRET } from "../playwright.config";
import { signInAs } from "./support/sign-in";

test("the status page shows the signed-in user's ingest run after the cron endpoint ran", async ({ page, request }) => {
  await signInAs(page, "dana");
  await page.goto("/status");
  await expect(page.getByRole("heading", { level: 1, name: "Status" })).toBeVisible();
  await expect(page.getByTestId("check-results")).toContainText("No play dated in the future");
  const runsBefore = await page.getByTestId("ingest-run").count();
  if (runsBefore === 0) await expect(page.getByTestId("status-empty")).toContainText("Your first collection starts when you sign in");

  const response = await request.post("/api/cron/ingest", { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } });
  expect(response.status()).toBe(200);
  const result = (await response.json()) as { users: { spotifyId: string; status: string; inserted: number }[] };
  const dana = result.users.find((user) => user.spotifyId === "dana");
  expect(dana?.status).toBe("ok");

  await page.reload();
  await expect(page.getByTestId("status-empty")).toHaveCount(0);
  await expect(page.getByTestId("ingest-run")).toHaveCount(runsBefore + 1);
  const newest = page.getByTestId("ingest-run").first();
  await expect(newest.getByTestId("ingest-status")).toHaveText("ok");
  await expect(newest).toContainText(String(dana?.inserted));
  // Nobody else's runs or names appear on Dana's page.
  await expect(page.getByTestId("ingest-runs")).not.toContainText("ada");
});
