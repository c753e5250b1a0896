import { expect, test } from "./support/test";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";
import { e2eQuery } from "./support/database";
import { seedListeningHistory } from "./support/seed-dashboard";

async function userRows(spotifyId: string) {
  const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = $1", [spotifyId]);
  if (!user) return null;
  const count = async (table: string) => Number((await e2eQuery<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE user_id = $1`, [user.id]))[0].n);
  return { id: user.id, plays: await count("plays"), tokens: await count("spotify_tokens"), imports: await count("import_jobs"), outcomes: await count("ingest_run_users") };
}

test.describe("settings", () => {
  test("time zone, export as CSV and JSON of one's own plays", async ({ page }) => {
    await signInAs(page, "ben");
    await seedListeningHistory("ben");
    const rows = await userRows("ben");
    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

    await page.getByLabel("Search time zones").fill("tokyo");
    await page.getByRole("listbox").selectOption("Asia/Tokyo");
    await page.getByRole("button", { name: "Save Asia/Tokyo" }).click();
    await expect(page.getByTestId("current-time-zone")).toHaveText("Asia/Tokyo");
    expect((await e2eQuery<{ time_zone: string }>("SELECT time_zone FROM users WHERE spotify_id = 'ben'"))[0].time_zone).toBe("Asia/Tokyo");
    await savePageScreenshot(page, "settings");

    const json = await page.request.get("/api/export?format=json");
    expect(json.headers()["content-type"]).toContain("application/json");
    const plays = (await json.json()) as { playedAt: string; trackId: string; artists: string[] }[];
    expect(plays).toHaveLength(rows!.plays);
    expect(Object.keys(plays[0]).sort()).toEqual(["albumId", "albumName", "artists", "msPlayed", "playedAt", "source", "trackId", "trackName"]);
    const csv = await (await page.request.get("/api/export?format=csv")).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("playedAt,msPlayed,source,trackId,trackName,artists,albumId,albumName");
    expect(lines).toHaveLength(rows!.plays + 1);
    expect((await page.request.get("/api/export?format=xml")).status()).toBe(400);
  });

  test("delete everything needs the Spotify id typed, removes every row of the user, and signs out", async ({ page }) => {
    await signInAs(page, "chandra");
    await seedListeningHistory("chandra");
    const before = await userRows("chandra");
    expect(before!.plays).toBeGreaterThan(0);
    const ben = await userRows("ben");
    await page.goto("/settings");
    const button = page.getByRole("button", { name: "Delete everything" });
    await expect(button).toBeDisabled();
    await page.getByLabel(/Type your Spotify user id/).fill("someone-else");
    await expect(button).toBeDisabled();
    expect((await page.request.delete("/api/account", { data: { confirm: "nope" } })).status()).toBe(400);
    await page.getByLabel(/Type your Spotify user id/).fill("chandra");
    await button.click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await userRows("chandra")).toBeNull();
    for (const table of ["plays", "spotify_tokens", "import_jobs", "ingest_run_users", "stats_rollup_state"]) {
      expect(Number((await e2eQuery<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE user_id = $1`, [before!.id]))[0].n), table).toBe(0);
    }
    expect(await userRows("ben")).toEqual(ben);
  });

  test("disconnect forgets the tokens, keeps the data and shows the sign-in-again banner", async ({ page }) => {
    await signInAs(page, "ben");
    const before = await userRows("ben");
    await page.goto("/settings");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByTestId("disconnected")).toBeVisible();
    expect(await userRows("ben")).toEqual({ ...before, tokens: 0 });
    await page.goto("/dashboard");
    await expect(page.getByTestId("reauth-banner")).toContainText("Sign in again");
  });
});
