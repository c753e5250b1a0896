import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "./support/test";
import yazl from "yazl";
import { savePageScreenshot } from "./support/screenshot";
import { signInAs } from "./support/sign-in";

/** A small export as Spotify lays it out, in 2012 so no seeded play de-duplicates it: 4 songs and a podcast, plus 2 account-data plays. */
function extendedEntry(ts: string, trackId: string, track: string) {
  return {
    ts, platform: "linux", ms_played: 185000, conn_country: "GB", master_metadata_track_name: track, master_metadata_album_artist_name: "The Import Band",
    master_metadata_album_album_name: "Uploaded Live", spotify_track_uri: `spotify:track:${trackId}`, episode_name: null, episode_show_name: null,
    spotify_episode_uri: null, reason_start: "clickrow", reason_end: "trackdone", shuffle: false, skipped: false, offline: false, offline_timestamp: 1330000000,
  };
}

const EXTENDED = [
  extendedEntry("2012-02-03T10:00:00Z", "0e2eImportTrack0000001", "First Upload"),
  extendedEntry("2012-02-03T10:04:00Z", "0e2eImportTrack0000002", "Second Upload"),
  extendedEntry("2012-02-03T10:08:00Z", "0e2eImportTrack0000003", "Third Upload"),
  extendedEntry("2012-02-04T19:30:00Z", "0e2eImportTrack0000001", "First Upload"),
  { ...extendedEntry("2012-02-05T07:00:00Z", "x", "x"), spotify_track_uri: null, master_metadata_track_name: null, episode_name: "A Podcast Episode", spotify_episode_uri: "spotify:episode:0e2eImportEpisode00001" },
];
const ACCOUNT = [
  { endTime: "2012-03-01 12:00", artistName: "The Import Band", trackName: "Account Song", msPlayed: 200000 },
  { endTime: "2012-03-01 12:05", artistName: "The Import Band", trackName: "Another Account Song", msPlayed: 150000 },
];
const EXPECTED = { files: 2, entries: 7, inserted: 6, duplicates: 0, skipped: 1 };

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

test("an uploaded export zip shows its progress and summary, is listed, and its plays reach the dashboard", async ({ page, request }) => {
  expect((await request.post("/api/import", { data: "[]\n" })).status()).toBe(401);
  await signInAs(page, "ben");
  const playsBefore = await allTimePlays(page);
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();
  await expect(page.getByText("Extended streaming history").first()).toBeVisible();
  await expect(page.getByText("Nothing leaves this server")).toBeVisible();
  const jobsBefore = await page.getByTestId("import-job").count();

  await page.getByLabel("Spotify export (.zip or .json files)").setInputFiles({ name: "my_spotify_data.zip", mimeType: "application/zip", buffer: await exportZip() });
  await expect(page.getByTestId("chosen-files")).toContainText("my_spotify_data.zip");
  const answer = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/import" && response.request().method() === "POST");
  await page.getByRole("button", { name: "Import", exact: true }).click();

  // The route's answer: NDJSON progress lines from the importer, then the summary.
  const events = (await (await answer).text()).trim().split("\n").map((line) => JSON.parse(line) as { type: string; stage?: string });
  expect(events.at(0)).toMatchObject({ type: "progress", stage: "reading" });
  expect(events.filter((event) => event.type === "progress").map((event) => event.stage)).toContain("storing");
  expect(events.at(-1)).toMatchObject({ type: "done", summary: EXPECTED });
  const progress = page.getByRole("progressbar", { name: "Import progress" });
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
  const summary = page.getByTestId("import-summary");
  for (const [key, value] of Object.entries(EXPECTED)) await expect(summary.getByTestId(`summary-${key}`), key).toHaveText(String(value));

  await expect(page.getByTestId("import-job")).toHaveCount(jobsBefore + 1);
  const newest = page.getByTestId("import-job").first();
  await expect(newest.getByTestId("import-job-status")).toHaveText("succeeded");
  await expect(newest.getByTestId("import-job-inserted")).toHaveText(String(EXPECTED.inserted));
  await savePageScreenshot(page, "import");

  expect(await allTimePlays(page)).toBe(playsBefore + EXPECTED.inserted);
  // The list is rendered on the server too.
  await page.reload();
  await expect(page.getByTestId("import-job").first().getByTestId("import-job-inserted")).toHaveText(String(EXPECTED.inserted));
});

test("the unzipped export folder can be chosen: its .json files are sent, and the export's other files passed over", async ({ page }) => {
  await signInAs(page, "chandra");
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
    await page.getByLabel("Or the unzipped export folder").setInputFiles(folder);
    // The PDF stays behind; Userdata.json is sent and passed over by the server, unread.
    await expect(page.getByTestId("chosen-files").getByRole("listitem")).toHaveCount(3);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const summary = page.getByTestId("import-summary");
    for (const [key, value] of Object.entries(EXPECTED)) await expect(summary.getByTestId(`summary-${key}`), key).toHaveText(String(value));
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test("a malformed file fails with its name and entry index, is listed as failed, and oversized uploads are refused with 413", async ({ page }) => {
  await signInAs(page, "ben");
  const playsBefore = await allTimePlays(page);
  await page.goto("/import");
  const broken = [EXTENDED[0], { ...EXTENDED[1], ms_played: "a while" }];
  await page
    .getByLabel("Spotify export (.zip or .json files)")
    .setInputFiles({ name: "Streaming_History_Audio_2013.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-error")).toContainText("Streaming_History_Audio_2013.json[1]");
  const newest = page.getByTestId("import-job").first();
  await expect(newest.getByTestId("import-job-status")).toHaveText("failed");
  await expect(newest).toContainText("Streaming_History_Audio_2013.json[1]");
  expect(await allTimePlays(page)).toBe(playsBefore);

  const oversized = await page.request.post("/api/import", {
    headers: { "content-type": "application/octet-stream" },
    data: Buffer.from(`${JSON.stringify([{ name: "Streaming_History_Audio_2014.json", size: 65 * 1024 * 1024 }])}\n`),
  });
  expect(oversized.status()).toBe(413);
  expect(((await oversized.json()) as { error: string }).error).toContain("more than the limit of 64 MiB per file");
});
