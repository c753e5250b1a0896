import { expect, test } from "@playwright/test";
import pg from "pg";
import { LISTENERS, signInAs, signOut } from "./support/sign-in";

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

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

  test("anonymous API calls get 401 JSON and anonymous pages go to the sign-in page", async ({ page, request }) => {
    const api = await request.get("/api/cron/ingest");
    expect(api.status()).toBe(401);
    const wrongSecret = await request.get("/api/cron/ingest", { headers: { authorization: "Bearer nope" } });
    expect(wrongSecret.status()).toBe(401);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/$/);
  });
});
