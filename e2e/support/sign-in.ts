import { expect, type Page } from "@playwright/test";

export const LISTENERS = {
  ada: "Ada Listener",
  ben: "Ben Okafor",
  chandra: "Chandra Iyer",
  dana: "Dana Kowalski",
} as const;

export type ListenerId = keyof typeof LISTENERS;

/** The whole OAuth round trip in the browser: Encore → simulator's consent page → callback → dashboard. */
export async function signInAs(page: Page, listenerId: ListenerId): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.getByRole("link", { name: `Continue as ${LISTENERS[listenerId]}` }).click();
  await page.waitForURL(/\/dashboard/);
  await expect(page.getByText(LISTENERS[listenerId]).first()).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await page.request.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  await page.context().clearCookies();
}
