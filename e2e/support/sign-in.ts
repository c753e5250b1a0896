import { expect, type Page } from "@playwright/test";
import { e2eQuery } from "./database";

export const LISTENERS = {
  ada: "Ada Listener",
  ben: "Ben Okafor",
  chandra: "Chandra Iyer",
  dana: "Dana Kowalski",
} as const;

export type ListenerId = keyof typeof LISTENERS;

/**
 * The whole OAuth round trip in the browser: Encore → simulator's consent page → callback →
 * dashboard; then, unless told not to, waits for the collection the sign-in started in the
 * background to end, so that the test reads settled data.
 */
export async function signInAs(page: Page, listenerId: ListenerId, options: { waitForCollection?: boolean } = {}): Promise<void> {
  const [{ now: before }] = await e2eQuery<{ now: Date }>("SELECT now()");
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in with Spotify" }).click();
  await page.getByRole("link", { name: `Continue as ${LISTENERS[listenerId]}` }).click();
  await page.waitForURL(/\/dashboard/);
  await expect(page.getByText(LISTENERS[listenerId]).first()).toBeVisible();
  if (options.waitForCollection ?? true) await waitForSignInCollection(listenerId, before);
}

/**
 * Waits until the listener's sign-in collections since `since` have all ended, and there was one:
 * one that started since, or one still running then (a sign-in while an earlier sign-in's
 * collection runs starts none: that one's end is what the test waits for). The new sign-in's run
 * is stored right after the callback's response (Next.js `after`), before the dashboard that this
 * waits behind has loaded.
 */
export async function waitForSignInCollection(listenerId: ListenerId, since: Date): Promise<void> {
  await expect
    .poll(
      async () => {
        const [row] = await e2eQuery<{ runs: number; running: number }>(
          `SELECT count(*)::int AS runs, count(*) FILTER (WHERE r.status = 'running')::int AS running
           FROM ingest_runs r JOIN users u ON u.id = ANY(r.user_ids)
           WHERE u.spotify_id = $1 AND r.trigger = 'signin' AND (r.started_at >= $2 OR r.finished_at >= $2)`,
          [listenerId, since],
        );
        return row.runs > 0 && row.running === 0;
      },
      { message: `the collection ${listenerId}'s sign-in started did not end`, timeout: 30_000 },
    )
    .toBe(true);
}

export async function signOut(page: Page): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await page.request.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  await page.context().clearCookies();
}
