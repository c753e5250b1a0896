import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "./support/test";
import type { ArtistReport } from "@/lib/stats/artistReport";
import { resolveRangeQuery } from "@/lib/stats/range";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs, signOut } from "./support/sign-in";
import { e2eQuery } from "./support/database";
import { seedListeningHistory } from "./support/seed-dashboard";

const LISTENER = "ben";
const APP_ORIGIN = `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3100}`;
const run = promisify(execFile);

/** What `npm run report -- --user <id> --artist <id> --json` prints for the E2E database. */
async function cliArtistReport(artistId: string, args: string[] = []): Promise<ArtistReport> {
  const { stdout } = await run("npx", ["tsx", "scripts/report.ts", "--user", LISTENER, "--artist", artistId, "--json", ...args], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
  });
  return JSON.parse(stdout.slice(stdout.indexOf("{"))) as ArtistReport;
}

async function userId(spotifyId: string): Promise<string> {
  const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = $1", [spotifyId]);
  return user.id;
}

async function setTheme(page: Page, theme: "dark" | "light") {
  await page.context().addCookies([{ name: "encore_theme", value: theme, url: APP_ORIGIN }]);
}

/** Desktop and phone width, dark and light: four screenshots of the page at `path`. */
async function screenshotsOf(page: Page, path: string, name: string, ready: (page: Page) => Promise<void>) {
  for (const theme of ["dark", "light"] as const) {
    await setTheme(page, theme);
    for (const [width, height, device] of [
      [1280, 900, "desktop"],
      [390, 844, "phone"],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(path);
      await ready(page);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      const overflow = await page.evaluate(() => ({
        by: document.documentElement.scrollWidth - window.innerWidth,
        // The widest offenders, to say what to fix.
        elements: [...document.querySelectorAll("body *")]
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(-5)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
      }));
      expect(overflow.by, `${name} ${device} fits the width: ${overflow.elements.join(", ")}`).toBeLessThanOrEqual(0);
      await savePageScreenshot(page, `${name}-${theme}-${device}`);
    }
  }
  await setTheme(page, "dark");
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe("artist pages and followed artists", () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signInAs(page, LISTENER);
    await page.close();
    expect(await seedListeningHistory(LISTENER)).toBeGreaterThan(1000);
    await e2eQuery("DELETE FROM follows WHERE user_id = $1", [await userId(LISTENER)]);
  });

  test.beforeEach(async ({ page }) => {
    await signInAs(page, LISTENER);
  });

  test("from the top artists page to an artist page, follow it, and see it on the following page", async ({ page }) => {
    await page.goto("/dashboard/following?range=all");
    await expect(page.getByTestId("empty-state")).toContainText("You follow no artists yet");
    await expect(page.getByTestId("follow-suggestions").locator("li")).toHaveCount(5);
    await savePageScreenshot(page, "following-nobody-yet");

    await page.goto("/dashboard/artists?range=all");
    const first = page.getByTestId("ranked-artists").locator("li").first();
    const artistId = (await first.getAttribute("data-id"))!;
    await first.getByRole("link").click();
    await page.waitForURL(new RegExp(`/dashboard/artists/${artistId}\\?range=all$`));
    const report = await cliArtistReport(artistId);
    await expect(page.getByTestId("artist-name")).toHaveText(report.artist.name);
    await expect(page.getByTestId("artist-streams")).toHaveAttribute("data-value", String(report.totals.streams));
    await expect(page.getByTestId("artist-rank")).toHaveAttribute("data-value", "1");
    expect(await page.getByTestId("artist-time").getAttribute("data-value")).toBe(String(report.totals.msListened));
    expect(await page.getByTestId("artist-streak").getAttribute("data-value")).toBe(String(report.longestStreak.days));
    expect(await page.getByTestId("artist-top-tracks").locator("li").evaluateAll((items) => items.map((item) => item.getAttribute("data-id")))).toEqual(
      report.topTracks.map((track) => track.id),
    );
    await expect(page.getByRole("figure").filter({ hasText: "Streams per month" })).toBeVisible();
    // The months chart's text alternative has one row per month, zero months included.
    await expect(page.getByRole("figure").filter({ hasText: "Streams per month" }).locator("tbody tr")).toHaveCount(report.months.length);

    // The range picker changes the figures in place.
    await page.getByRole("link", { name: "4 weeks" }).click();
    await page.waitForURL(/range=4w/);
    const recent = await cliArtistReport(artistId, ["--from", (await rangeFrom(page)) ?? "", "--to", (await rangeTo(page)) ?? ""]);
    await expect(page.getByTestId("artist-streams")).toHaveAttribute("data-value", String(recent.totals.streams));
    await page.goto(`/dashboard/artists/${artistId}?range=all`);

    await page.getByRole("button", { name: `Follow ${report.artist.name}` }).click();
    await expect(page.getByRole("button", { name: `Unfollow ${report.artist.name}` })).toHaveAttribute("aria-pressed", "true");
    // The page's own answer, from the server (read with the session), after a reload.
    await page.reload();
    await expect(page.getByRole("button", { name: `Unfollow ${report.artist.name}` })).toHaveAttribute("aria-pressed", "true");

    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Following" }).click();
    await page.waitForURL(/\/dashboard\/following\?range=all$/);
    const row = page.getByTestId("following-table").locator(`tr[data-id="${artistId}"]`);
    await expect(row).toContainText(report.artist.name);
    await expect(row.locator("td").first()).toHaveText(report.totals.streams.toLocaleString("en-US"));
    await expect(page.getByRole("figure").filter({ hasText: "Monthly streams" })).toBeVisible();
    await expect(page.getByTestId("snapshot-note")).toContainText("No snapshot yet");
  });

  test("snapshots: a chart with Spotify's figures, else the February 2026 note; screenshots dark and light, desktop and phone", async ({ page }) => {
    const ben = await userId(LISTENER);
    await e2eQuery("DELETE FROM follows WHERE user_id = $1", [ben]);
    await e2eQuery("DELETE FROM artist_snapshots WHERE artist_id IN ('e2e-ar-aurora', 'e2e-ar-basalt', 'e2e-ar-cyan')");
    for (const id of ["e2e-ar-aurora", "e2e-ar-basalt", "e2e-ar-cyan"]) {
      expect((await page.request.post("/api/following", { data: { artistId: id } })).status()).toBe(201);
    }
    // Aurora: an extended-quota app's figures; Basalt: a development-mode app's (none).
    await e2eQuery(
      `INSERT INTO artist_snapshots (artist_id, date, popularity, followers, genres)
       SELECT 'e2e-ar-aurora', d::date, 50 + (i % 7), 120000 + i * 350, ARRAY['dream pop']
       FROM generate_series(0, 20) i, LATERAL (SELECT current_date - 20 + i AS d) x`,
    );
    await e2eQuery(`INSERT INTO artist_snapshots (artist_id, date, popularity, followers, genres) VALUES ('e2e-ar-basalt', current_date, NULL, NULL, '{}')`);
    await page.goto("/dashboard/following?range=6m");
    const cards = page.getByTestId("snapshot-note");
    await expect(cards).toHaveCount(2);
    await expect(cards.first()).toContainText("Spotify no longer gives popularity and followers to apps like this one (February 2026)");
    await expect(cards.nth(1)).toContainText("No snapshot yet");
    await expect(page.getByRole("figure").filter({ has: page.getByRole("heading", { name: "Aurora Fields" }) })).toBeVisible();

    const api = (await (await page.request.get("/api/following?range=6m")).json()) as { id: string; snapshots: unknown[]; months: unknown[] }[];
    expect(api.map((artist) => artist.id)).toEqual(["e2e-ar-aurora", "e2e-ar-basalt", "e2e-ar-cyan"]);
    expect(api[0].snapshots).toHaveLength(21);
    expect(api[1].snapshots).toEqual([{ date: expect.any(String), popularity: null, followers: null, genres: [] }]);

    await screenshotsOf(page, "/dashboard/following?range=6m", "following", async (p) => {
      await expect(p.getByTestId("following-table")).toBeVisible();
    });
    await screenshotsOf(page, "/dashboard/artists/e2e-ar-aurora?range=6m", "artist", async (p) => {
      await expect(p.getByTestId("artist-name")).toHaveText("Aurora Fields");
    });
  });

  test("never played is 404 like unknown; follows are limited to 20 and refused cross-site", async ({ page }) => {
    const ben = await userId(LISTENER);
    await e2eQuery("DELETE FROM follows WHERE user_id = $1", [ben]);
    // An artist only another listener played.
    await e2eQuery(`INSERT INTO users (id, spotify_id, display_name, time_zone, updated_at) VALUES ('e2e-other', 'e2e-other', 'Other', 'UTC', now()) ON CONFLICT DO NOTHING`);
    await e2eQuery(`INSERT INTO artists (id, name) VALUES ('e2e-ar-secret', 'Someone Else''s Secret') ON CONFLICT DO NOTHING`);
    await e2eQuery(`INSERT INTO tracks (id, name, duration_ms) VALUES ('e2e-tr-secret', 'Secret Song', 200000) ON CONFLICT DO NOTHING`);
    await e2eQuery(`INSERT INTO track_artists (track_id, position, artist_id) VALUES ('e2e-tr-secret', 0, 'e2e-ar-secret') ON CONFLICT DO NOTHING`);
    await e2eQuery(`INSERT INTO plays (user_id, track_id, played_at, source) VALUES ('e2e-other', 'e2e-tr-secret', now() - interval '1 day', 'recently_played') ON CONFLICT DO NOTHING`);

    const unknown = await page.request.get("/api/artists/e2e-no-such-artist?range=all");
    const secret = await page.request.get("/api/artists/e2e-ar-secret?range=all");
    expect([unknown.status(), secret.status()]).toEqual([404, 404]);
    expect(await secret.json()).toEqual(await unknown.json());
    // The page shows the same "not found" for both (its status may already be sent as 200 when streaming starts).
    await page.goto("/dashboard/artists/e2e-ar-secret");
    await expect(page.getByTestId("artist-not-found")).toBeVisible();
    const unknownPage = await (await page.request.get("/dashboard/artists/e2e-no-such-artist")).text();
    expect(unknownPage).toContain("Artist not found");
    await expect(page.locator("body")).not.toContainText("Someone Else's Secret");
    expect((await page.request.post("/api/following", { data: { artistId: "e2e-ar-secret" } })).status()).toBe(404);

    const mine = await page.request.get("/api/artists/e2e-ar-basalt?range=all");
    expect(mine.status()).toBe(200);
    expect(((await mine.json()) as ArtistReport).artist.name).toBe("Basalt");

    // 21 artists Ben played.
    for (let i = 0; i < 21; i++) {
      await e2eQuery(`INSERT INTO artists (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [`e2e-ar-many-${i}`, `Many ${i}`]);
      await e2eQuery(`INSERT INTO tracks (id, name, duration_ms) VALUES ($1, $2, 200000) ON CONFLICT DO NOTHING`, [`e2e-tr-many-${i}`, `Many Song ${i}`]);
      await e2eQuery(`INSERT INTO track_artists (track_id, position, artist_id) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`, [`e2e-tr-many-${i}`, `e2e-ar-many-${i}`]);
      await e2eQuery(`INSERT INTO plays (user_id, track_id, played_at, source) VALUES ($1, $2, now() - interval '2 days', 'recently_played') ON CONFLICT DO NOTHING`, [ben, `e2e-tr-many-${i}`]);
    }
    // Cross-site: refused, nothing stored.
    const foreign = await page.request.post("/api/following", { data: { artistId: "e2e-ar-many-0" }, headers: { origin: "http://evil.example" } });
    expect(foreign.status()).toBe(403);
    expect(await e2eQuery("SELECT 1 FROM follows WHERE user_id = $1", [ben])).toHaveLength(0);

    for (let i = 0; i < 20; i++) expect((await page.request.post("/api/following", { data: { artistId: `e2e-ar-many-${i}` }, headers: { origin: APP_ORIGIN } })).status()).toBe(201);
    expect((await page.request.post("/api/following", { data: { artistId: "e2e-ar-many-0" } })).status()).toBe(200);
    const refused = await page.request.post("/api/following", { data: { artistId: "e2e-ar-many-20" } });
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/20 artists/);

    // The page says so too.
    await page.goto("/dashboard/artists/e2e-ar-many-20?range=all");
    await page.getByRole("button", { name: "Follow Many 20" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "20 artists" })).toBeVisible();

    const foreignDelete = await page.request.delete("/api/following/e2e-ar-many-0", { headers: { origin: "null" } });
    expect(foreignDelete.status()).toBe(403);
    expect((await page.request.delete("/api/following/e2e-ar-many-0")).status()).toBe(200);
    expect((await page.request.delete("/api/following/e2e-ar-many-0")).status()).toBe(404);
    expect(await e2eQuery("SELECT 1 FROM follows WHERE user_id = $1", [ben])).toHaveLength(19);
    await e2eQuery("DELETE FROM follows WHERE user_id = $1", [ben]);
  });

  test("every artist name links to its page: ranked lists, track credits, streaks, the year in review", async ({ page }) => {
    await page.goto("/dashboard?range=all");
    const topArtist = page.getByTestId("top-artists").locator("li").first();
    const id = await topArtist.getAttribute("data-id");
    await expect(topArtist.getByRole("link")).toHaveAttribute("href", `/dashboard/artists/${id}?range=all`);
    // Each credited artist of a track is its own link.
    const credits = page.getByTestId("top-tracks").locator("li").first().locator(".ranked-subtitle a");
    expect(await credits.count()).toBeGreaterThan(0);
    expect(await credits.first().getAttribute("href")).toMatch(/^\/dashboard\/artists\/e2e-ar-[a-z]+\?range=all$/);

    await page.goto("/dashboard/tracks?range=all");
    await expect(page.getByTestId("ranked-tracks").locator("li").first().locator(".ranked-subtitle a").first()).toHaveAttribute("href", /^\/dashboard\/artists\//);
    await page.goto("/dashboard/streaks?range=all");
    await page.getByTestId("artist-streaks").locator("li").first().getByRole("link").click();
    await page.waitForURL(/\/dashboard\/artists\/e2e-ar-/);
    await expect(page.getByTestId("artist-name")).toBeVisible();

    const year = new Date().getUTCFullYear() - 1;
    await page.goto(`/wrapped/${year}`);
    const link = page.getByTestId("wrapped-top-artist").getByRole("link");
    await expect(link).toHaveAttribute("href", new RegExp(`^/dashboard/artists/e2e-ar-[a-z]+\\?from=${year}-01-01&to=${year + 1}-01-01$`));
    await expect(page.getByTestId("wrapped-top-track").locator("a").first()).toHaveAttribute("href", /^\/dashboard\/artists\//);
    await link.click();
    await expect(page.getByTestId("artist-streams")).not.toHaveAttribute("data-value", "0");
  });

  test("the following page of a listener without plays says what to do next", async ({ page }) => {
    await signOut(page);
    await signInAs(page, "chandra");
    await e2eQuery("DELETE FROM plays WHERE user_id = $1", [await userId("chandra")]);
    expect((await page.goto("/dashboard/following"))?.status()).toBe(200);
    await expect(page.getByTestId("empty-state")).toContainText("No listening history yet");
  });
});

/** The range picker's resolved local dates, as the URL of a preset means them (read back from the page's own API request). */
async function rangeFrom(page: Page): Promise<string | null> {
  return (await resolvedDates(page))[0];
}
async function rangeTo(page: Page): Promise<string | null> {
  return (await resolvedDates(page))[1];
}
async function resolvedDates(page: Page): Promise<[string | null, string | null]> {
  const [user] = await e2eQuery<{ time_zone: string }>("SELECT time_zone FROM users WHERE spotify_id = $1", [LISTENER]);
  const range = resolveRangeQuery({ range: new URL(page.url()).searchParams.get("range") }, new Date(), user.time_zone);
  return [range.fromDate, range.toDate];
}
