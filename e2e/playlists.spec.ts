import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { expect, test, type Page } from "./support/test";
import type { PlaylistSummary } from "@/lib/playlists/list";
import type { PlaylistDetail } from "@/lib/playlists/detail";
import { E2E_SIM_PORT } from "../playwright.config";
import { e2eQuery } from "./support/database";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";

/**
 * The playlist pages for Ada, whose playlists come from the simulator: collected with
 * `npm run playlists` (the cron run's code path), figured against plays seeded here, changed in
 * the simulator and collected again.
 */
const SIM_URL = `http://127.0.0.1:${E2E_SIM_PORT}`;
const DAY = 86_400_000;
const run = promisify(execFile);

type SimPlaylist = { id: string; name: string; ownerId: string; collaborative: boolean; snapshotId: string; items: { kind: string; id: string; addedAt: string | null }[] };

async function simPlaylists(): Promise<SimPlaylist[]> {
  return (await (await fetch(`${SIM_URL}/_sim/listeners/ada/playlists`)).json()) as SimPlaylist[];
}

/** `npm run playlists -- --user ada --json` against the end-to-end database and simulator. */
async function collectNow(): Promise<{ status: string; stored: number }> {
  const { stdout } = await run("npx", ["tsx", "scripts/playlists.ts", "--user", "ada", "--json"], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      SPOTIFY_ACCOUNTS_URL: SIM_URL,
      SPOTIFY_API_URL: SIM_URL,
      SPOTIFY_CLIENT_ID: "encore-demo-client",
      SPOTIFY_CLIENT_SECRET: "encore-demo-secret",
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { status: string; stored: number };
}

async function apiJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

let tidy: SimPlaylist;
let skipped: string;
let played: string;

test.describe("playlists of the simulator's Ada", () => {
  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signInAs(page, "ada");
    await page.close();
    expect((await collectNow()).status).toBe("complete");
    tidy = (await simPlaylists()).find((p) => p.name === "Needs a Tidy-Up")!;
    // Plays that earn each suggestion: one track skipped six times in a month, one played this week.
    const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = 'ada'");
    const tracks = tidy.items.filter((item) => item.kind === "track");
    skipped = tracks[0].id;
    played = tracks[1].id;
    const now = Date.now();
    const rows = [
      ...[2, 5, 9, 14, 20, 27].map((days) => [skipped, new Date(now - days * DAY), 4_000] as const),
      [played, new Date(now - 2 * DAY), 200_000] as const,
      [played, new Date(now - 3 * DAY), null] as const,
    ];
    await e2eQuery(
      `INSERT INTO plays (user_id, track_id, played_at, ms_played, source)
       SELECT $1, t, p, m, 'export_extended'::play_source FROM unnest($2::text[], $3::timestamptz[], $4::int[]) AS x(t, p, m)
       ON CONFLICT DO NOTHING`,
      [user.id, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
    await e2eQuery("DELETE FROM stats_rollup_state WHERE user_id = $1", [user.id]);
  });

  test.beforeEach(async ({ page }) => {
    await signInAs(page, "ada");
  });

  test("the list shows every playlist with its owner, tracks, suggestions, and why Spotify's own is not read", async ({ page }) => {
    const summaries = await apiJson<PlaylistSummary[]>(page, "/api/playlists");
    expect(summaries.map((p) => p.id)).toEqual((await simPlaylists()).map((p) => p.id));
    const html = await (await page.request.get("/dashboard/playlists")).text();
    expect(html).toContain("Needs a Tidy-Up");

    await page.goto("/dashboard/playlists");
    await expect(page.getByRole("heading", { level: 1, name: "Playlists" })).toBeVisible();
    await expect(page.getByTestId("playlist")).toHaveCount(summaries.length);
    expect(await page.getByTestId("playlist").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-id")))).toEqual(summaries.map((p) => p.id));
    for (const summary of summaries) {
      const row = page.locator(`[data-testid="playlist"][data-id="${summary.id}"]`);
      await expect(row).toContainText(summary.name);
      await expect(row).toContainText(`by ${summary.owner.displayName}`);
      if (summary.readable) await expect(row.getByTestId("playlist-suggestions")).toHaveAttribute("data-value", String(summary.suggestions));
      else await expect(row.getByTestId("playlist-reason")).toHaveAttribute("data-reason", summary.reason!);
    }
    const discover = summaries.find((p) => p.name === "Discover Weekly")!;
    expect(discover).toMatchObject({ readable: false, reason: "spotify-owned", owner: { id: "spotify" } });
    await expect(page.locator(`[data-id="${discover.id}"]`)).toContainText("Spotify's own playlist");
    expect(summaries.find((p) => p.id === tidy.id)!.suggestions).toBeGreaterThan(1);
    await expect(page.getByText("Collaborative", { exact: true })).toHaveCount(1);
    await savePageScreenshot(page, "playlists-list");

    await page.locator(`[data-id="${discover.id}"]`).getByRole("link").click();
    await expect(page.getByTestId("playlist-unreadable")).toContainText("Spotify does not let apps like Encore read its own playlists");
    expect(await apiJson<PlaylistDetail>(page, `/api/playlists/${discover.id}`)).toMatchObject({ tracks: [], changes: [] });
    await savePageScreenshot(page, "playlists-unreadable");
  });

  test("a playlist's page: tracks with their figures and suggestions, the filter, Open in Spotify and the CSV", async ({ page }) => {
    const detail = await apiJson<PlaylistDetail>(page, `/api/playlists/${tidy.id}`);
    expect(detail.tracks.find((t) => t.id === skipped)).toMatchObject({ knownPlays365d: 6, skipRate365d: 1, suggestion: "often-skipped", streams90d: 0 });
    expect(detail.tracks.find((t) => t.id === played)).toMatchObject({ streams90d: 2, suggestion: null });
    const suggested = detail.tracks.filter((t) => t.suggestion !== null);
    expect(new Set(suggested.map((t) => t.suggestion))).toEqual(new Set(["often-skipped", "rarely-played"]));

    // The table is rendered on the server and hydrated in the browser: both must write the same text.
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`/dashboard/playlists/${tidy.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Needs a Tidy-Up" })).toBeVisible();
    const rows = page.getByTestId("playlist-track");
    await expect(rows).toHaveCount(detail.tracks.length);
    expect(await rows.evaluateAll((els) => els.map((el) => [el.getAttribute("data-id"), el.getAttribute("data-suggestion")]))).toEqual(
      detail.tracks.map((t) => [t.id ?? "", t.suggestion ?? ""]),
    );
    await expect(page.getByRole("link", { name: "Open in Spotify" })).toHaveAttribute("href", `https://open.spotify.com/playlist/${tidy.id}`);
    await expect(rows.filter({ hasText: "Local file" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "Podcast episode" })).toHaveCount(1);
    await savePageScreenshot(page, "playlist-tracks");
    expect(errors).toEqual([]);

    await page.getByRole("link", { name: /^Suggestions/ }).click();
    await expect(page).toHaveURL(/show=suggestions/);
    await expect(rows).toHaveCount(suggested.length);
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-id")))).toEqual(suggested.map((t) => t.id));
    await savePageScreenshot(page, "playlist-suggestions");

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`encore-playlist-${tidy.id}.csv`);
    const csv = fs.readFileSync((await download.path())!, "utf8").split("\r\n");
    expect(csv[0]).toBe("position,id,name,artists,addedAt,streams90d,lastStream,knownPlays365d,skipRate365d,suggestion");
    expect(csv).toHaveLength(detail.tracks.length + 2);
    expect(csv.find((line) => line.startsWith(`${detail.tracks.findIndex((t) => t.id === skipped)},${skipped},`))).toMatch(/,6,1,often-skipped$/);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/dashboard/playlists/${tidy.id}?show=suggestions`);
    await expect(rows).toHaveCount(suggested.length);
    await savePageScreenshot(page, "playlist-phone");
  });

  test("a change in Spotify shows in the playlist's history after the next collection; other ids are 404", async ({ page }) => {
    const changed = (await (await fetch(`${SIM_URL}/_sim/playlists/${tidy.id}/change`, { method: "POST", body: JSON.stringify({ remove: 1, add: 2 }) })).json()) as SimPlaylist;
    expect(await collectNow()).toMatchObject({ status: "complete", stored: 1 });
    const detail = await apiJson<PlaylistDetail>(page, `/api/playlists/${tidy.id}`);
    expect(detail.playlist.snapshotId).toBe(changed.snapshotId);
    expect(detail.changes[0].added.map((t) => t.id)).toEqual(changed.items.slice(-2).map((i) => i.id));
    expect(detail.changes[0].removed.map((t) => t.id)).toEqual([tidy.items[0].id]);

    await page.goto(`/dashboard/playlists/${tidy.id}`);
    const history = page.getByTestId("playlist-change");
    await expect(history).toHaveCount(detail.changes.length);
    await expect(history.first()).toContainText("+2");
    await expect(history.first()).toContainText("−1");
    for (const track of detail.changes[0].added) await expect(history.first()).toContainText(track.name);
    await page.getByTestId("playlist-history").scrollIntoViewIfNeeded();
    await savePageScreenshot(page, "playlist-history");

    // Ben's own private playlists are not Ada's: 404 alike, as for an id nobody has.
    const bens = (await (await fetch(`${SIM_URL}/_sim/listeners/ben/playlists`)).json()) as SimPlaylist[];
    const adas = new Set((await simPlaylists()).map((p) => p.id));
    const bensOwn = bens.find((p) => p.ownerId === "ben" && !adas.has(p.id))!;
    expect((await page.request.get(`/api/playlists/${bensOwn.id}`)).status()).toBe(404);
    expect((await page.request.get(`/api/playlists/0000000000000000000000`)).status()).toBe(404);
    expect((await page.request.get(`/api/playlists/${tidy.id}?now=yesterday`)).status()).toBe(400);
    // The page streams (the dashboard's loading state), so the not-found page comes with the stream.
    await page.goto(`/dashboard/playlists/${bensOwn.id}`);
    await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible(); // the app's own 404 page (app/not-found.tsx)
    await expect(page.getByText(bensOwn.name)).toHaveCount(0);
  });

  test("a user whose authorisation lacks a playlist scope sees what can be read, and is offered to sign in again", async ({ page }) => {
    const [token] = await e2eQuery<{ scope: string }>("SELECT t.scope FROM spotify_tokens t JOIN users u ON u.id = t.user_id WHERE u.spotify_id = 'ada'");
    expect(token.scope).toContain("playlist-read-collaborative");
    await e2eQuery("UPDATE spotify_tokens SET scope = $1 WHERE user_id = (SELECT id FROM users WHERE spotify_id = 'ada')", [token.scope.replace("playlist-read-collaborative", "").trim()]);
    try {
      await page.goto("/dashboard/playlists");
      const banner = page.getByTestId("playlist-scope-banner");
      await expect(banner).toContainText("Encore cannot see your collaborative playlists yet.");
      await expect(banner.getByRole("button", { name: "Sign in again" })).toBeVisible();
      await expect(page.getByTestId("playlist").first()).toBeVisible();
      await savePageScreenshot(page, "playlists-missing-scope");
    } finally {
      await e2eQuery("UPDATE spotify_tokens SET scope = $1 WHERE user_id = (SELECT id FROM users WHERE spotify_id = 'ada')", [token.scope]);
    }
    await page.goto("/dashboard/playlists");
    await expect(page.getByTestId("playlist-scope-banner")).toHaveCount(0);
  });
});

test.describe("a library of more playlists than a page holds", () => {
  const COUNT = 60; // PLAYLISTS_PER_PAGE is 50
  test("the list shows them 50 at a time, in the listing's order, with links between the pages", async ({ page }) => {
    await signInAs(page, "dana");
    const [user] = await e2eQuery<{ id: string }>("SELECT id FROM users WHERE spotify_id = 'dana'");
    await e2eQuery("DELETE FROM playlists WHERE user_id = $1", [user.id]);
    const ids = Array.from({ length: COUNT }, (_, index) => `e2eDanaList${String(index).padStart(4, "0")}`);
    await e2eQuery(
      `INSERT INTO playlists (user_id, playlist_id, name, owner_id, owner_name, collaborative, listed_snapshot_id, listed_total, list_position, listed_at)
       SELECT $1, x.id, 'Mix ' || x.n, 'dana', 'Dana', false, 'snap', 10, (x.n - 1)::int, now() FROM unnest($2::text[]) WITH ORDINALITY AS x(id, n)`,
      [user.id, ids],
    );
    try {
      await page.goto("/dashboard/playlists");
      const rows = page.getByTestId("playlist");
      await expect(rows).toHaveCount(50);
      expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-id")))).toEqual(ids.slice(0, 50));
      await expect(page.getByTestId("pager").first()).toContainText("1–50 of 60 playlists");
      await expect(page.getByTestId("pager").first()).toContainText("Page 1 of 2");
      await expect(page.getByRole("link", { name: "← Previous" })).toHaveCount(0);
      await savePageScreenshot(page, "playlists-pages");

      await page.getByRole("link", { name: "Next →" }).first().click();
      await expect(page).toHaveURL(/\/dashboard\/playlists\?page=2$/);
      await expect(rows).toHaveCount(COUNT - 50);
      expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-id")))).toEqual(ids.slice(50));
      await expect(page.getByTestId("pager").first()).toContainText("51–60 of 60 playlists");
      await expect(page.getByRole("link", { name: "Next →" })).toHaveCount(0);
      await page.getByRole("link", { name: "← Previous" }).first().click();
      await expect(page).toHaveURL(/\/dashboard\/playlists$/);
      await expect(rows).toHaveCount(50);

      // A page past the end (the listing shrank since): the first page.
      await page.goto("/dashboard/playlists?page=9");
      await expect(page).toHaveURL(/\/dashboard\/playlists$/);
      await expect(rows).toHaveCount(50);
    } finally {
      await e2eQuery("DELETE FROM playlists WHERE user_id = $1", [user.id]);
    }
  });
});
