/**
 * Issue 20: uploads waiting for confirmation after their preview: private folders, at most 30
 * minutes (an injectable clock), tied to their user, deleted on confirm, cancel and expiry, and
 * forgotten safely by a restarted server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSpotifyExport, previewSpotifyExport } from "@/lib/import";
import { PENDING_UPLOAD_TTL_MS, pendingUploadParams, PendingUploads } from "@/lib/import/pending-uploads";
import { manifestLine } from "@/components/import/import-protocol";
import { useTestDatabase } from "../../helpers/test-database";
import { zipFolder } from "./zip-helpers";

const NOW = new Date("2026-03-01T00:00:00Z");
const BASIC = path.join(process.cwd(), "tests/fixtures/export/basic");

const test = useTestDatabase();
let base: string;

beforeAll(async () => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "encore-pending-test-"));
});

afterAll(async () => {
  fs.rmSync(base, { recursive: true, force: true });
});

function body(files: { name: string; data: Buffer }[]): ReadableStream<Uint8Array> {
  const bytes = Buffer.concat([Buffer.from(manifestLine(files.map((file) => ({ name: file.name, size: file.data.byteLength })))), ...files.map((file) => file.data)]);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });
}

const JSON_FILE = { name: "Streaming_History_Audio_2024.json", data: Buffer.from("[]") };

/** A clock the test moves by hand. */
function clock(start = NOW) {
  let at = start.getTime();
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("uploads waiting for confirmation", () => {
  it("wait in a private folder per upload, named by a random id, for their user only; confirm takes them once", async () => {
    const time = clock();
    const uploads = new PendingUploads({ base, instance: "one", now: time.now });
    const upload = await uploads.receive("user-a", body([JSON_FILE]));
    expect(pendingUploadParams.safeParse({ id: upload.id }).success).toBe(true);
    expect(upload.folder).toBe(path.join(uploads.root, upload.id));
    expect(mode(uploads.root)).toBe(0o700);
    expect(mode(upload.folder)).toBe(0o700);
    expect(fs.readFileSync(upload.paths[0], "utf8")).toBe("[]");
    expect(upload.expiresAt.toISOString()).toBe(new Date(NOW.getTime() + PENDING_UPLOAD_TTL_MS).toISOString());

    const other = await uploads.receive("user-b", body([JSON_FILE]));
    expect(other.id).not.toBe(upload.id);
    // Another user's id is unknown to this one, alike for confirm and cancel, and nothing is deleted.
    expect(uploads.take(upload.id, "user-b")).toBeNull();
    expect(await uploads.cancel(upload.id, "user-b")).toBe(false);
    expect(fs.existsSync(upload.folder)).toBe(true);

    time.advance(PENDING_UPLOAD_TTL_MS - 1);
    const taken = uploads.take(upload.id, "user-a");
    expect(taken?.paths).toEqual(upload.paths);
    expect(uploads.take(upload.id, "user-a")).toBeNull();
    await uploads.remove(taken!);
    expect(fs.existsSync(upload.folder)).toBe(false);
    expect(await uploads.cancel(other.id, "user-b")).toBe(true);
  });

  it("expire after 30 minutes: confirm finds nothing and the folder is deleted", async () => {
    const time = clock();
    const uploads = new PendingUploads({ base, instance: "two", now: time.now });
    const upload = await uploads.receive("user-a", body([JSON_FILE]));
    time.advance(PENDING_UPLOAD_TTL_MS);
    expect(uploads.take(upload.id, "user-a")).toBeNull();
    await expect.poll(() => fs.existsSync(upload.folder)).toBe(false);
    expect(uploads.size).toBe(0);
  });

  it("cancel deletes the folder; a second upload of the same user replaces the first; a refused upload leaves nothing", async () => {
    const uploads = new PendingUploads({ base, instance: "three", now: clock().now });
    const first = await uploads.receive("user-a", body([JSON_FILE]));
    const second = await uploads.receive("user-a", body([JSON_FILE]));
    expect(fs.existsSync(first.folder)).toBe(false);
    expect(uploads.take(first.id, "user-a")).toBeNull();
    expect(await uploads.cancel(second.id, "user-a")).toBe(true);
    expect(fs.existsSync(second.folder)).toBe(false);
    expect(await uploads.cancel(second.id, "user-a")).toBe(false);
    await expect(uploads.receive("user-a", body([{ name: "notes.txt", data: Buffer.from("x") }]))).rejects.toThrow("notes.txt");
    expect(fs.readdirSync(uploads.root)).toEqual([]);
  });

  it("are forgotten by a restarted server, whose next upload deletes what the stopped process left", async () => {
    const stopped = new PendingUploads({ base, instance: "4194305", now: clock().now });
    const left = await stopped.receive("user-a", body([JSON_FILE]));
    const running = new PendingUploads({ base, instance: "5", isAlive: (instance) => instance !== "4194305", now: clock().now });
    expect(running.take(left.id, "user-a")).toBeNull();
    const fresh = await running.receive("user-a", body([JSON_FILE]));
    expect(fs.existsSync(stopped.root)).toBe(false);
    expect(fs.existsSync(fresh.folder)).toBe(true);
    // The other processes' folders that still run are left alone.
    const neighbour = new PendingUploads({ base, instance: "6", now: clock().now });
    const theirs = await neighbour.receive("user-b", body([JSON_FILE]));
    await running.receive("user-a", body([JSON_FILE]));
    expect(fs.existsSync(theirs.folder)).toBe(true);
  });

  it("the preview then the import of a waiting upload give the same numbers", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "pending-preview" } });
    const uploads = new PendingUploads({ base, instance: "seven", now: clock().now });
    const upload = await uploads.receive(user.id, body([{ name: "my_spotify_data.zip", data: await zipFolder(BASIC) }]));
    const preview = await previewSpotifyExport({ userId: user.id, inputs: upload.paths, source: "upload", now: NOW });
    expect(await test.db.importJob.count({ where: { userId: user.id } })).toBe(0);
    const taken = uploads.take(upload.id, user.id)!;
    const result = await importSpotifyExport({ userId: user.id, inputs: taken.paths, source: "upload", now: NOW });
    await uploads.remove(taken);
    expect(result.summary).toEqual(preview.summary);
    expect(result.summary.inserted).toBe(6);
    expect(fs.existsSync(upload.folder)).toBe(false);
  });
});
