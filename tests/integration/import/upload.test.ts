import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportError } from "@/lib/import";
import { importUpload, receiveUpload, sanitizeFileName, UploadRefusedError } from "@/lib/import/upload";
import { manifestLine } from "@/components/import/import-protocol";
import { useTestDatabase } from "../../helpers/test-database";
import { zipFolder } from "./zip-helpers";

const BASIC = path.join(process.cwd(), "tests/fixtures/export/basic");
const AUDIO = path.join(BASIC, "Spotify Extended Streaming History/Streaming_History_Audio_2024_0.json");
const ACCOUNT = path.join(BASIC, "Spotify Account Data/StreamingHistory_music_0.json");
const NOW = new Date("2026-01-01T00:00:00Z");
const BASIC_SUMMARY = { files: 2, entries: 10, inserted: 6, duplicates: 2, skipped: 2 };

const test = useTestDatabase();
let tempRoot: string;

type UploadFile = { name: string; data: Buffer };

/** A request body as the upload page sends it, cut into small pieces so that every boundary falls mid-chunk somewhere. */
function uploadBody(files: UploadFile[], options: { declare?: { name: string; size: number }[]; chunkBytes?: number; extra?: Buffer } = {}) {
  const declared = options.declare ?? files.map((file) => ({ name: file.name, size: file.data.byteLength }));
  const bytes = Buffer.concat([Buffer.from(manifestLine(declared)), ...files.map((file) => file.data), options.extra ?? Buffer.alloc(0)]);
  const chunkBytes = options.chunkBytes ?? 37;
  let offset = 0;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + chunkBytes)));
      offset += chunkBytes;
    },
  });
  return { stream, length: bytes.byteLength, pulls: () => pulls };
}

function tempFolders(): string[] {
  return fs.readdirSync(tempRoot);
}

async function refusal(promise: Promise<unknown>): Promise<UploadRefusedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadRefusedError);
  return error as UploadRefusedError;
}

async function storedCounts() {
  return { jobs: await test.db.importJob.count(), plays: await test.db.play.count(), tracks: await test.db.track.count() };
}

beforeAll(async () => {
  tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "encore-upload-test-"));
});

afterAll(async () => {
  fs.rmSync(tempRoot, { recursive: true, force: true });
});

describe("an upload streamed into the importer", () => {
  it("imports the export zip, records the job as an upload, reports progress and leaves no temporary file", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "upload-zip" } });
    const zip = await zipFolder(BASIC);
    const body = uploadBody([{ name: "my_spotify_data.zip", data: zip }]);
    const stages: string[] = [];
    const result = await importUpload(body.stream, {
      userId: user.id,
      now: NOW,
      tempRoot,
      contentLength: body.length,
      onProgress: (progress) => stages.push(progress.stage),
    });
    expect(result.summary).toMatchObject(BASIC_SUMMARY);
    expect(result.warningCount).toBe(1);
    expect(stages.at(0)).toBe("reading");
    expect(stages.at(-1)).toBe("done");
    const job = await test.db.importJob.findUniqueOrThrow({ where: { id: result.jobId } });
    expect(job).toMatchObject({ status: "succeeded", source: "upload", inserted: 6 });
    expect(await test.db.play.count({ where: { userId: user.id } })).toBe(6);
    expect(tempFolders()).toEqual([]);
  });

  it("imports several JSON files sent back to back, each cut at its declared size", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "upload-json" } });
    const files = [
      { name: "Streaming_History_Audio_2024_0.json", data: fs.readFileSync(AUDIO) },
      { name: "StreamingHistory_music_0.json", data: fs.readFileSync(ACCOUNT) },
    ];
    for (const chunkBytes of [1, 4096]) {
      const result = await importUpload(uploadBody(files, { chunkBytes }).stream, { userId: user.id, now: NOW, tempRoot });
      expect(result.summary.files).toBe(2);
    }
    // The second upload of the same files added nothing.
    expect(await test.db.play.count({ where: { userId: user.id } })).toBe(6);
    expect(tempFolders()).toEqual([]);
  });

  it("names the file and the entry of a malformed upload, stores none of it, and still removes the temporary files", async () => {
    const user = await test.db.user.create({ data: { spotifyId: "upload-bad" } });
    const bad = Buffer.from(JSON.stringify([{ ts: "2024-03-01T08:00:00Z", ms_played: "long" }]));
    const error = await importUpload(uploadBody([{ name: "Streaming_History_Audio_2024_0.json", data: bad }]).stream, { userId: user.id, now: NOW, tempRoot }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toContain("Streaming_History_Audio_2024_0.json[0]");
    expect(await test.db.play.count({ where: { userId: user.id } })).toBe(0);
    expect(await test.db.importJob.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ status: "failed", source: "upload" });
    expect(tempFolders()).toEqual([]);
  });
});

describe("uploads refused before anything is imported", () => {
  it("refuses a JSON file declared over the per-file limit with 413, before writing it", async () => {
    const before = await storedCounts();
    const data = Buffer.alloc(2000, 0x20);
    const body = uploadBody([{ name: "Streaming_History_Audio_2024_0.json", data }]);
    const error = await refusal(receiveUpload(body.stream, { tempRoot, limits: { maxFileBytes: 1000 } }));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/Streaming_History_Audio_2024_0\.json: .* more than the limit of 1000 bytes per file/);
    // Only the manifest (and a chunk read ahead) was pulled.
    expect(body.pulls()).toBeLessThan(5); // of the body's ~56 chunks
    expect(await storedCounts()).toEqual(before);
    expect(tempFolders()).toEqual([]);
  });

  it("refuses a body larger than the total limit by its Content-Length, without reading it", async () => {
    const body = uploadBody([{ name: "export.zip", data: Buffer.alloc(100) }]);
    const error = await refusal(receiveUpload(body.stream, { tempRoot, contentLength: 10 * 1024 * 1024 * 1024 }));
    expect(error.status).toBe(413);
    expect(body.pulls()).toBeLessThanOrEqual(1);
    expect(tempFolders()).toEqual([]);
  });

  it("refuses more bytes than declared (413), a truncated body, too many files, and bad names (400), cleaning up each time", async () => {
    const before = await storedCounts();
    const json = { name: "Streaming_History_Audio_2024_0.json", data: Buffer.from("[]") };
    const overflowing = await refusal(receiveUpload(uploadBody([json], { extra: Buffer.alloc(5000, 1) }).stream, { tempRoot }));
    expect(overflowing.status).toBe(413);
    const truncated = await refusal(receiveUpload(uploadBody([json], { declare: [{ name: json.name, size: 10 }] }).stream, { tempRoot }));
    expect(truncated).toMatchObject({ status: 400, message: expect.stringContaining("ended early") });
    const many = Array.from({ length: 4 }, (_, index) => ({ name: `StreamingHistory${index}.json`, data: Buffer.from("[]") }));
    expect((await refusal(receiveUpload(uploadBody(many).stream, { tempRoot, limits: { maxFiles: 3 } }))).status).toBe(413);
    const notExport = await refusal(receiveUpload(uploadBody([{ name: "notes.txt", data: Buffer.from("hi") }]).stream, { tempRoot }));
    expect(notExport).toMatchObject({ status: 400, message: expect.stringContaining("notes.txt") });
    const twice = await refusal(receiveUpload(uploadBody([json, json]).stream, { tempRoot }));
    expect(twice.message).toContain("sent twice");
    const notManifest = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new TextEncoder().encode("PK\u0003\u0004garbage\n")), c.close()) });
    expect((await refusal(receiveUpload(notManifest, { tempRoot }))).status).toBe(400);
    expect(await storedCounts()).toEqual(before);
    expect(tempFolders()).toEqual([]);
  });

  it("keeps only a file's own name, so nothing is written outside the temporary folder", async () => {
    expect(sanitizeFileName("../../etc/Streaming_History_Audio_2024_0.json")).toBe("Streaming_History_Audio_2024_0.json");
    expect(sanitizeFileName("C:\\Users\\me\\my_spotify_data.zip")).toBe("my_spotify_data.zip");
    expect(() => sanitizeFileName("../..")).toThrow(UploadRefusedError);
    const received = await receiveUpload(uploadBody([{ name: "../../Streaming_History_Audio_2024_0.json", data: Buffer.from("[]") }]).stream, { tempRoot });
    try {
      expect(received.paths).toEqual([path.join(received.folder, "Streaming_History_Audio_2024_0.json")]);
      expect(path.dirname(received.folder)).toBe(tempRoot);
      expect(fs.readFileSync(received.paths[0], "utf8")).toBe("[]");
    } finally {
      await received.remove();
    }
    expect(tempFolders()).toEqual([]);
  });
});
