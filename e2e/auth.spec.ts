import { expect, test, type Page } from "./support/test";
import { E2E_SIM_PORT } from "../playwright.config";
import { e2eQuery as query } from "./support/database";
import { savePageScreenshot } from "./support/screenshot";
import { LISTENERS, signInAs, signOut } from "./support/sign-in";

const SIM_URL = `http://127.0.0.1:${E2E_SIM_PORT}`;


test.describe("sign in with Spotify (through the simulator)", () => {
  test("a listener signs in, lands on the dashboard with their name, and tokens are stored encrypted", async ({ page }) => {
    await signInAs(page, "ada");
    await expect(page).toHaveURL(/\/dashboard/);
    const [user] = await query<{ id: string; display_name: string; authorized_at: Date | null }>(
      "SELECT id, display_name, authorized_at FROM users WHERE spotify_id = $1",
      ["ada"],
    );
    expect(user.display_name).toBe(LISTENERS.ada);
    expect(user.authorized_at).not.toBeNull();
    const [token] = await query<{ access_token_enc: string; refresh_token_enc: string }>(
      "SELECT access_token_enc, refresh_token_enc FROM spotify_tokens WHERE user_id = $1",
      [user.id],
    );
    expect(token.access_token_enc).toMatch(/^v1\./);
    expect(token.refresh_token_enc).toMatch(/^v1\./);
    // The browser never sees a Spotify token: the session is an opaque encrypted cookie.
    const session = await page.request.get("/api/auth/session");
    expect(JSON.stringify(await session.json())).not.toMatch(/access_token|refresh_token|accessToken/);

    await signOut(page);
    const response = await page.goto("/dashboard");
    expect(response?.url()).not.toContain("/dashboard");
    await expect(page.getByRole("button", { name: "Sign in with Spotify" })).toBeVisible();
  });

  test("a forged callback (wrong state) signs nobody in", async ({ page }) => {
    const response = await page.goto("/api/auth/callback/spotify?code=forged&state=forged");
    expect(response?.url()).toMatch(/\/auth\/error|\/\?|\/$/);
    const session = await page.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
  });

  test("a second listener never sees the first one's data", async ({ page }) => {
    await signInAs(page, "chandra");
    const [chandra] = await query<{ id: string }>("SELECT id FROM users WHERE spotify_id = 'chandra'");
    const [track] = await query<{ id: string }>("INSERT INTO tracks (id, name) VALUES ('e2e-private-track', 'Chandra Private Song') ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name RETURNING id");
    await query("INSERT INTO plays (user_id, track_id, played_at, ms_played, source) VALUES ($1, $2, now() - interval '1 hour', 200000, 'export_extended') ON CONFLICT DO NOTHING", [chandra.id, track.id]);
    const own = await (await page.request.get("/api/stats?range=all")).json();
    expect(own.user.spotifyId).toBe("chandra");
    expect(own.totals.plays).toBeGreaterThan(0);
    await signOut(page);

    await signInAs(page, "dana");
    const response = await page.request.get("/api/stats?range=all");
    expect(response.status()).toBe(200);
    const report = await response.json();
    expect(report.user.spotifyId).toBe("dana");
    expect(JSON.stringify(report)).not.toContain("Chandra Private Song");
    await page.goto("/dashboard?range=all");
    await expect(page.getByText("Chandra Private Song")).toHaveCount(0);
    await expect(page.getByText(LISTENERS.dana).first()).toBeVisible();
  });

  test("anonymous API calls get 401 JSON and anonymous pages go to the sign-in page", async ({ page, request }) => {
    const api = await request.get("/api/cron/ingest");
    expect(api.status()).toBe(401);
    const stats = await request.get("/api/stats");
    expect(stats.status()).toBe(401);
    expect(await stats.json()).toHaveProperty("error");
    const wrongSecret = await request.get("/api/cron/ingest", { headers: { authorization: "Bearer nope" } });
    expect(wrongSecret.status()).toBe(401);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/$/);
  });

  test("the app owner's missing Premium gets its own page, not a generic error", async ({ page, request }) => {
    await request.post(`http://127.0.0.1:${E2E_SIM_PORT}/_sim/faults`, { data: { path: "/v1/me", count: 1, kind: "premium" } });
    await page.goto("/");
    await page.getByRole("button", { name: "Sign in with Spotify" }).click();
    await page.getByRole("link", { name: `Continue as ${LISTENERS.ben}` }).click();
    await expect(page).toHaveURL(/\/auth\/error\?error=PremiumRequired/);
    await expect(page.getByRole("heading", { name: "The app owner needs Spotify Premium" })).toBeVisible();
    expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
  });

  test("a listener whose authorisation ended keeps session and data, and sees a sign-in-again banner", async ({ page }) => {
    await signInAs(page, "ben");
    // What an ingestion run records on invalid_grant (covered against the simulator by
    // tests/integration/ingest); a cron run here would also ingest the other e2e listeners.
    await query("UPDATE users SET needs_reauth = true, reauth_reason = 'Spotify refused the refresh token (invalid_grant)' WHERE spotify_id = 'ben'");
    await page.goto("/dashboard");
    await expect(page.getByText("Sign in again to keep collecting your plays.")).toBeVisible();
    await expect(page.getByText(LISTENERS.ben).first()).toBeVisible();
    const [ben] = await query<{ needs_reauth: boolean }>("SELECT needs_reauth FROM users WHERE spotify_id = 'ben'");
    expect(ben.needs_reauth).toBe(true);
  });

  test("the expiry warning shows in the last 14 days of the six months; signing in again after they ended starts new ones", async ({ page }) => {
    await signInAs(page, "dana");
    await query("UPDATE users SET authorized_at = now() - interval '6 months' + interval '10 days' WHERE spotify_id = 'dana'");
    await page.goto("/dashboard");
    await expect(page.getByTestId("expiry-banner")).toContainText(/Spotify access ends in \d+ days/);
    // Within the six months a new sign-in does not extend them (Spotify's refresh token would not live longer).
    await signOut(page);
    await signInAs(page, "dana");
    await expect(page.getByTestId("expiry-banner")).toBeVisible();
    // Once they ended (before any refresh noticed), a new sign-in starts new ones.
    await query("UPDATE users SET authorized_at = now() - interval '6 months' - interval '1 day' WHERE spotify_id = 'dana'");
    await signOut(page);
    await signInAs(page, "dana");
    await expect(page.getByTestId("expiry-banner")).toHaveCount(0);
    const [dana] = await query<{ authorized_at: Date }>("SELECT authorized_at FROM users WHERE spotify_id = 'dana'");
    expect(Date.now() - new Date(dana.authorized_at).getTime()).toBeLessThan(5 * 60_000);
  });
});

test.describe("a failed sign-in tells the user what to do", () => {
  async function signInWithFault(page: Page, fault: { path: string; count: number; kind: string }) {
    await page.request.post(`${SIM_URL}/_sim/faults`, { data: fault });
    await page.goto("/");
    await page.getByRole("button", { name: "Sign in with Spotify" }).click();
    await page.getByRole("link", { name: `Continue as ${LISTENERS.ada}` }).click();
    await page.waitForURL(/\/auth\/error\?/);
  }

  test("wrong app credentials (invalid_client): ask whoever runs the site to check the client id and secret", async ({ page }) => {
    await signInWithFault(page, { path: "/api/token", count: 1, kind: "invalid_client" });
    expect(page.url()).toMatch(/\/auth\/error\?error=OAuthCallback&reason=app-credentials$/);
    await expect(page.getByRole("heading", { name: "Encore's Spotify app settings need a look" })).toBeVisible();
    await expect(page.getByText("ask whoever runs this Encore")).toBeVisible();
    await expect(page.getByRole("heading", { name: "For whoever runs this Encore" })).toBeVisible();
    await expect(page.getByText(/SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET must be/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to Encore" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Try again" })).toHaveCount(0);
    expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
    await savePageScreenshot(page, "sign-in-error-app-credentials");
  });

  test("Spotify's accounts service down (500 three times): try again in a few minutes", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInWithFault(page, { path: "/api/token", count: 3, kind: "500" });
    expect(page.url()).toContain("reason=unreachable");
    await expect(page.getByRole("heading", { name: "Spotify could not be reached" })).toBeVisible();
    await expect(page.getByText("try again in a few minutes")).toBeVisible();
    await expect(page.getByRole("heading", { name: "For whoever runs this Encore" })).toHaveCount(0);
    await savePageScreenshot(page, "sign-in-error-unreachable-phone");
    // The retry works once Spotify answers again.
    await page.getByRole("link", { name: "Try again" }).click();
    await page.getByRole("button", { name: "Sign in with Spotify" }).click();
    await page.getByRole("link", { name: `Continue as ${LISTENERS.ada}` }).click();
    await page.waitForURL(/\/dashboard/);
    await signOut(page);
  });

  test("a user not added to a development-mode app (403): ask to be added under Users Management", async ({ page }) => {
    await signInWithFault(page, { path: "/v1/me", count: 1, kind: "not_registered" });
    expect(page.url()).toContain("reason=not-allowlisted");
    await expect(page.getByRole("heading", { name: "Your Spotify account is not on this app's list" })).toBeVisible();
    await expect(page.getByText(/Users Management/)).toBeVisible();
    await savePageScreenshot(page, "sign-in-error-not-allowlisted");
  });

  test("an unknown or tampered reason falls back to next-auth's code", async ({ page }) => {
    await page.goto("/auth/error?error=OAuthCallback&reason=%3Cscript%3E");
    await expect(page.getByRole("heading", { name: "Spotify sign-in did not complete" })).toBeVisible();
  });
});
