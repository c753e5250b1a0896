import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page, type Response } from "./support/test";
import yazl from "yazl";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";

/**
 * A small export as Spotify lays it out, in 2012 so no seeded play de-duplicates it: 4 songs, the
 * same instant given twice (one play), a podcast episode, plus 2 account-data plays.
 */
function extendedEntry(ts: string, trackId: string, track: string, msPlayed = 185000) {
  return {
    ts, platform: "linux", ms_played: msPlayed, conn_country: "GB", master_metadata_track_name: track, master_metadata_album_artist_name: "The Import Band",
    master_metadata_album_album_name: "Uploaded Live", spotify_track_uri: `spotify:track:${trackId}`, episode_name: null, episode_show_name: null,
    spotify_episode_uri: null, reason_start: "clickrow", reason_end: "trackdone", shuffle: false, skipped: false, offline: false, offline_timestamp: 0,
  };
}

const EXTENDED = [
  extendedEntry("2012-02-03T10:00:00Z", "0e2eImportTrack0000001", "First Upload"),
  extendedEntry("2012-02-03T10:04:00Z", "0e2eImportTrack0000002", "Second Upload", 0),
  extendedEntry("2012-02-03T10:04:00Z", "0e2eImportTrack0000002", "Second Upload"),
  extendedEntry("2012-02-03T10:08:00Z", "0e2eImportTrack0000003", "Third Upload"),
  extendedEntry("2012-02-04T19:30:00Z", "0e2eImportTrack0000001", "First Upload"),
  { ...extendedEntry("2012-02-05T07:00:00Z", "x", "x"), spotify_track_uri: null, master_metadata_track_name: null, episode_name: "A Podcast Episode", spotify_episode_uri: "spotify:episode:0e2eImportEpisode00001" },
];
const ACCOUNT = [
  { endTime: "2012-03-01 12:00", artistName: "The Import Band", trackName: "Account Song", msPlayed: 200000 },
  { endTime: "2012-03-01 12:05", artistName: "The Import Band", trackName: "Another Account Song", msPlayed: 150000 },
];
const EXPECTED = { files: 2, entries: 8, inserted: 6, duplicates: 1, skipped: 1 };

async function exportZip(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(EXTENDED)), "Spotify Extended Streaming History/Streaming_History_Audio_2012.json");
  zip.addBuffer(Buffer.from(JSON.stringify(ACCOUNT)), "Spotify Account Data/StreamingHistory_music_0.json");
  zip.addBuffer(Buffer.from(JSON.stringify({ username: "ben" })), "Spotify Account Data/Userdata.json");
  zip.end();
  const parts: Buffer[] = [];
  for await (const part of zip.outputStream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

async function allTimePlays(page: Page): Promise<number> {
  const response = await page.request.get("/api/stats?range=all");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { totals: { plays: number } }).totals.plays;
}

type StreamLine = { type: string; stage?: string; uploadId?: string; summary?: Record<string, unknown> };

async function lines(response: Response): Promise<StreamLine[]> {
  return (await response.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as StreamLine);
}

const isPost = (pathname: RegExp) => (response: Response) => pathname.test(new URL(response.url()).pathname) && response.request().method() === "POST";

/** Chooses the zip, uploads it, and waits for the preview; answers the preview's NDJSON lines. */
async function uploadForPreview(page: Page): Promise<StreamLine[]> {
  await page.goto("/import");
  await page.getByLabel("Spotify export (.zip or .json files)").setInputFiles({ name: "my_spotify_data.zip", mimeType: "application/zip", buffer: await exportZip() });
  await expect(page.getByTestId("chosen-files")).toContainText("my_spotify_data.zip");
  const answer = page.waitForResponse(isPost(/^\/api\/import\/uploads$/));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  const events = await lines(await answer);
  await expect(page.getByTestId("import-preview")).toBeVisible();
  return events;
}

test("upload, preview in plain words, confirm: the summary says why, the import is listed, its plays reach the dashboard", async ({ page, request }) => {
  expect((await request.post("/api/import/uploads", { data: "[]\n" })).status()).toBe(401);
  await signInAs(page, "ben");
  const playsBefore = await allTimePlays(page);
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();
  await expect(page.getByText("wait at most 30 minutes")).toBeVisible();
  const jobsBefore = await page.getByTestId("import-job").count();

  const events = await uploadForPreview(page);
  // The preview's progress lines (a dry run of the import), then the preview itself.
  expect(events.at(0)).toMatchObject({ type: "progress", stage: "reading" });
  expect(events.filter((event) => event.type === "progress").map((event) => event.stage)).toContain("storing");
  expect(events.at(-1)).toMatchObject({ type: "preview", summary: EXPECTED });
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByRole("heading")).toHaveText("This import will add 6 plays.");
  await expect(preview.getByTestId("preview-totals")).toHaveText("8 entries in 2 files: 6 new, 1 already here, 1 passed over.");
  await expect(preview.getByTestId("reason-sameImport")).toHaveText("1 repeat within the export");
  await expect(preview.getByTestId("reason-episode")).toHaveText("1 podcast episode");
  // Nothing is stored by the preview.
  expect(await allTimePlays(page)).toBe(playsBefore);
  await expect(page.getByTestId("import-job")).toHaveCount(jobsBefore);
  await savePageScreenshot(page, "import-preview");

  const confirmed = page.waitForResponse(isPost(/^\/api\/import\/uploads\/[\w-]+\/confirm$/));
  await preview.getByRole("button", { name: "Import 6 plays" }).click();
  // The page reads this answer as a stream (fetch), so its lines show only through the page.
  expect((await confirmed).headers()["content-type"]).toContain("application/x-ndjson");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  const summary = page.getByTestId("import-summary");
  for (const [key, value] of Object.entries(EXPECTED)) await expect(summary.getByTestId(`summary-${key}`), key).toHaveText(String(value));
  await expect(summary.getByTestId("reason-episode")).toHaveText("1 podcast episode");

  await expect(page.getByTestId("import-job")).toHaveCount(jobsBefore + 1);
  const newest = page.getByTestId("import-job").first();
  await expect(newest.getByTestId("import-job-status")).toHaveText("succeeded");
  await expect(newest.getByTestId("import-job-inserted")).toHaveText(String(EXPECTED.inserted));
  await expect(newest.getByTestId("import-job-details")).toHaveText("1 repeat within the export · 1 podcast episode");
  await savePageScreenshot(page, "import-summary");

  expect(await allTimePlays(page)).toBe(playsBefore + EXPECTED.inserted);
  // The list is rendered on the server too, with its reasons.
  await page.reload();
  await expect(page.getByTestId("import-job").first().getByTestId("import-job-details")).toHaveText("1 repeat within the export · 1 podcast episode");
  // Confirmed uploads are gone: a second confirm finds nothing.
  const uploadId = events.at(-1)!.uploadId!;
  expect((await page.request.post(`/api/import/uploads/${uploadId}/confirm`)).status()).toBe(404);
});

test("upload then cancel: nothing is imported, and the waiting upload is gone", async ({ page }) => {
  await signInAs(page, "chandra");
  const playsBefore = await allTimePlays(page);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "encore-export-folder-"));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  };
  write("Spotify Extended Streaming History/Streaming_History_Audio_2012.json", JSON.stringify(EXTENDED));
  write("Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf", "%PDF-1.4 (not read)");
  write("Spotify Account Data/StreamingHistory_music_0.json", JSON.stringify(ACCOUNT));
  write("Spotify Account Data/Userdata.json", JSON.stringify({ username: "chandra" }));
  try {
    await page.goto("/import");
    const jobsBefore = await page.getByTestId("import-job").count();
    await page.getByLabel("Or the unzipped export folder").setInputFiles(folder);
    // The PDF stays behind; Userdata.json is sent and passed over by the server, unread.
    await expect(page.getByTestId("chosen-files").getByRole("listitem")).toHaveCount(3);
    const answer = page.waitForResponse(isPost(/^\/api\/import\/uploads$/));
    await page.getByRole("button", { name: "Upload and preview" }).click();
    const uploadId = (await lines(await answer)).at(-1)!.uploadId!;
    await expect(page.getByTestId("import-preview").getByRole("heading")).toHaveText("This import will add 6 plays.");
    await page.setViewportSize({ width: 390, height: 844 });
    // A chosen folder's long paths must not widen the page past the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await savePageScreenshot(page, "import-preview-phone");

    const cancelled = page.waitForResponse((response) => response.request().method() === "DELETE");
    await page.getByTestId("import-preview").getByRole("button", { name: "Cancel" }).click();
    expect((await cancelled).status()).toBe(200);
    await expect(page.getByTestId("import-cancelled")).toContainText("nothing was imported");
    await expect(page.getByTestId("import-preview")).toHaveCount(0);
    await savePageScreenshot(page, "import-cancelled");
    expect((await page.request.post(`/api/import/uploads/${uploadId}/confirm`)).status()).toBe(404);
    expect(await allTimePlays(page)).toBe(playsBefore);
    await page.reload();
    await expect(page.getByTestId("import-job")).toHaveCount(jobsBefore);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test("a waiting upload is its user's only: another user's confirm and cancel are 404, a cross-site confirm 403; one no longer waiting asks to upload again", async ({ page, browser }) => {
  await signInAs(page, "dana");
  const uploadId = (await uploadForPreview(page)).at(-1)!.uploadId!;

  const otherContext = await browser.newContext();
  try {
    const other = await otherContext.newPage();
    await signInAs(other, "ben");
    const theirs = await other.request.post(`/api/import/uploads/${uploadId}/confirm`);
    expect(theirs.status()).toBe(404);
    expect(((await theirs.json()) as { error: string }).error).toContain("Upload the export again");
    expect((await other.request.delete(`/api/import/uploads/${uploadId}`)).status()).toBe(404);
  } finally {
    await otherContext.close();
  }
  const crossSite = await page.request.post(`/api/import/uploads/${uploadId}/confirm`, { headers: { origin: "https://elsewhere.example" } });
  expect(crossSite.status()).toBe(403);
  expect((await page.request.delete(`/api/import/uploads/${uploadId}`, { headers: { origin: "null" } })).status()).toBe(403);
  expect((await page.request.post("/api/import/uploads/not-an-id/confirm")).status()).toBe(404);

  // Still waiting for its user after all that: cancelled behind the page's back (as a restart
  // would forget it), the page's confirm then says to upload again.
  expect((await page.request.delete(`/api/import/uploads/${uploadId}`)).status()).toBe(200);
  await page.getByTestId("import-preview").getByRole("button", { name: "Import 6 plays" }).click();
  await expect(page.getByTestId("import-error")).toContainText("Upload the export again");
  await savePageScreenshot(page, "import-upload-again");
});

test("a malformed file fails at the preview with its name and entry index, storing nothing; oversized uploads are refused with 413", async ({ page }) => {
  await signInAs(page, "ben");
  const playsBefore = await allTimePlays(page);
  await page.goto("/import");
  const jobsBefore = await page.getByTestId("import-job").count();
  const broken = [EXTENDED[0], { ...EXTENDED[1], ms_played: "a while" }];
  await page
    .getByLabel("Spotify export (.zip or .json files)")
    .setInputFiles({ name: "Streaming_History_Audio_2013.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByTestId("import-error")).toContainText("Streaming_History_Audio_2013.json[1]");
  expect(await allTimePlays(page)).toBe(playsBefore);
  await page.reload();
  await expect(page.getByTestId("import-job")).toHaveCount(jobsBefore);

  for (const endpoint of ["/api/import/uploads", "/api/import"]) {
    const oversized = await page.request.post(endpoint, {
      headers: { "content-type": "application/octet-stream" },
      data: Buffer.from(`${JSON.stringify([{ name: "Streaming_History_Audio_2014.json", size: 65 * 1024 * 1024 }])}\n`),
    });
    expect(oversized.status()).toBe(413);
    expect(((await oversized.json()) as { error: string }).error).toContain("more than the limit of 64 MiB per file");
  }
});
