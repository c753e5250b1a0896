/**
 * The upload page's import: the browser sends one request whose body is a manifest line
 * (`[{"name","size"}...]` as JSON, then "\n") followed by the files' bytes back to back. The body
 * is streamed into a fresh temporary folder, one file per manifest entry, never held in memory;
 * the manifest is checked against the import limits before a byte of the files is written, and
 * no file gets more bytes than it declared. The folder is removed whatever happens.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { importSpotifyExport, type ImportProgress, type ImportResult } from "./import-export";
import { DEFAULT_IMPORT_LIMITS, formatBytes, type ImportLimits } from "./limits";

/** A request refused before the import starts: answered with `status` and nothing stored. */
export class UploadRefusedError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = "UploadRefusedError";
  }
}

/** The manifest line is small (1,000 names at most); more than this is not a manifest. */
const MAX_MANIFEST_BYTES = 512 * 1024;
const TEMP_PREFIX = "encore-upload-";
/** Folders older than this are leftovers of a crashed process, swept by the next upload. */
const STALE_FOLDER_MS = 24 * 60 * 60 * 1000;

const manifestSchema = z
  .array(z.object({ name: z.string().min(1).max(200), size: z.number().int().nonnegative() }))
  .min(1, "no files were sent");

export type UploadedFile = { name: string; size: number };

/** The file's own name only: no folders, no control characters, nothing that could leave the temp folder. */
export function sanitizeFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (base === "" || base === "." || base === "..") throw new UploadRefusedError(400, `"${name}": not a usable file name`);
  return base;
}

/** Checks the declared files against the limits of SPEC section 4 (and the total against Content-Length). */
export function checkManifest(declared: unknown, limits: ImportLimits): UploadedFile[] {
  const parsed = manifestSchema.safeParse(declared);
  if (!parsed.success) throw new UploadRefusedError(400, `The upload's file list is not valid: ${parsed.error.issues[0]?.message ?? "unreadable"}`);
  if (parsed.data.length > limits.maxFiles) {
    throw new UploadRefusedError(413, `${parsed.data.length} files: more than the limit of ${limits.maxFiles} files; refused`);
  }
  const seen = new Set<string>();
  let total = 0;
  const files = parsed.data.map(({ name, size }) => {
    const safeName = sanitizeFileName(name);
    if (!/\.(zip|json)$/i.test(safeName)) {
      throw new UploadRefusedError(400, `${safeName}: expected the Spotify export .zip or its .json files`);
    }
    if (seen.has(safeName.toLowerCase())) throw new UploadRefusedError(400, `${safeName}: sent twice`);
    seen.add(safeName.toLowerCase());
    if (/\.json$/i.test(safeName) && size > limits.maxFileBytes) {
      throw new UploadRefusedError(413, `${safeName}: ${formatBytes(size)}, more than the limit of ${formatBytes(limits.maxFileBytes)} per file; refused`);
    }
    total += size;
    if (total > limits.maxTotalBytes) {
      throw new UploadRefusedError(413, `${safeName}: the files add up to more than ${formatBytes(limits.maxTotalBytes)}; refused`);
    }
    return { name: safeName, size };
  });
  return files;
}

export type ReceivedUpload = { folder: string; files: UploadedFile[]; paths: string[]; remove(): Promise<void> };

export type ReceiveOptions = {
  limits?: Partial<ImportLimits>;
  /** The request's Content-Length, when it has one: an oversized body is refused before it is read. */
  contentLength?: number | null;
  /** Where the temporary folder is made; defaults to the system's. */
  tempRoot?: string;
  /** An empty folder made by the caller to receive the files instead (lib/import/pending-uploads.ts); removed on failure too. */
  folder?: string;
};

/** Streams a request body into a new temporary folder; on any failure the folder is already gone. */
export async function receiveUpload(body: ReadableStream<Uint8Array> | null, options: ReceiveOptions = {}): Promise<ReceivedUpload> {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  if (!body) throw new UploadRefusedError(400, "The upload is empty.");
  if (options.contentLength != null && options.contentLength > limits.maxTotalBytes + MAX_MANIFEST_BYTES) {
    await body.cancel().catch(() => undefined);
    throw new UploadRefusedError(413, `The upload is ${formatBytes(options.contentLength)}, more than the limit of ${formatBytes(limits.maxTotalBytes)}; refused`);
  }
  let folder = options.folder;
  if (!folder) {
    const tempRoot = options.tempRoot ?? os.tmpdir();
    await sweepStaleFolders(tempRoot);
    folder = await fs.promises.mkdtemp(path.join(tempRoot, TEMP_PREFIX));
  }
  const target = folder;
  const remove = () => fs.promises.rm(target, { recursive: true, force: true });
  const reader = body.getReader();
  try {
    const chunks = chunkReader(reader);
    const { manifest, rest } = await readManifest(chunks);
    const files = checkManifest(manifest, limits);
    const paths = files.map((file) => path.join(target, file.name));
    let pending: Uint8Array | null = rest;
    for (let index = 0; index < files.length; index += 1) {
      pending = await writeExactly(chunks, pending, paths[index], files[index]);
    }
    if ((pending && pending.byteLength > 0) || !(await chunks.atEnd())) {
      throw new UploadRefusedError(413, "The upload holds more bytes than its files declared; refused");
    }
    return { folder: target, files, paths, remove };
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    await remove();
    throw error;
  }
}

export type ImportUploadOptions = ReceiveOptions & {
  userId: string;
  onProgress?: (progress: ImportProgress) => void;
  databaseUrl?: string;
  now?: Date;
};

/** Imports what `receiveUpload` stored (recorded as source "upload"), then removes it, whether the import succeeded or not. */
export async function importReceivedUpload(received: ReceivedUpload, options: Omit<ImportUploadOptions, "contentLength" | "tempRoot">): Promise<ImportResult> {
  try {
    return await importSpotifyExport({
      userId: options.userId,
      inputs: received.paths,
      source: "upload",
      onProgress: options.onProgress,
      limits: options.limits,
      databaseUrl: options.databaseUrl,
      now: options.now,
    });
  } finally {
    await received.remove();
  }
}

/** Both steps at once: receive the body, import it, leave nothing behind. */
export async function importUpload(body: ReadableStream<Uint8Array> | null, options: ImportUploadOptions): Promise<ImportResult> {
  return importReceivedUpload(await receiveUpload(body, options), options);
}

type ChunkReader = { next(): Promise<Uint8Array | null>; atEnd(): Promise<boolean> };

function chunkReader(reader: ReadableStreamDefaultReader<Uint8Array>): ChunkReader {
  let peeked: Uint8Array | null | undefined;
  const next = async () => {
    if (peeked !== undefined) {
      const chunk = peeked;
      peeked = undefined;
      return chunk;
    }
    const { done, value } = await reader.read();
    return done ? null : value;
  };
  return {
    next,
    atEnd: async () => {
      do peeked = await next();
      while (peeked && peeked.byteLength === 0);
      return peeked === null;
    },
  };
}

async function readManifest(chunks: ChunkReader): Promise<{ manifest: unknown; rest: Uint8Array }> {
  const parts: Buffer[] = [];
  let length = 0;
  for (;;) {
    const chunk = await chunks.next();
    if (!chunk) throw new UploadRefusedError(400, "The upload ended before its file list.");
    const newline = chunk.indexOf(0x0a);
    const head = newline >= 0 ? chunk.subarray(0, newline) : chunk;
    parts.push(Buffer.from(head));
    length += head.byteLength;
    if (length > MAX_MANIFEST_BYTES) throw new UploadRefusedError(400, "The upload does not start with a file list.");
    if (newline >= 0) {
      try {
        return { manifest: JSON.parse(Buffer.concat(parts).toString("utf8")), rest: chunk.subarray(newline + 1) };
      } catch {
        throw new UploadRefusedError(400, "The upload's file list is not valid JSON.");
      }
    }
  }
}

/** Writes `file.size` bytes to `target` (with backpressure) and hands back what followed them. */
async function writeExactly(chunks: ChunkReader, first: Uint8Array | null, target: string, file: UploadedFile): Promise<Uint8Array | null> {
  const out = fs.createWriteStream(target, { flags: "wx" });
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  failed.catch(() => undefined);
  let remaining = file.size;
  let chunk = first;
  try {
    while (remaining > 0) {
      if (!chunk || chunk.byteLength === 0) {
        chunk = await chunks.next();
        if (!chunk) throw new UploadRefusedError(400, `${file.name}: the upload ended early (truncated); nothing was imported`);
        continue;
      }
      const piece = chunk.byteLength > remaining ? chunk.subarray(0, remaining) : chunk;
      chunk = chunk.byteLength > remaining ? chunk.subarray(remaining) : null;
      remaining -= piece.byteLength;
      if (!out.write(piece)) await Promise.race([new Promise<void>((resolve) => out.once("drain", () => resolve())), failed]);
    }
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
    return chunk;
  } catch (error) {
    out.destroy();
    throw error;
  }
}

async function sweepStaleFolders(tempRoot: string): Promise<void> {
  const entries = await fs.promises.readdir(tempRoot, { withFileTypes: true }).catch(() => []);
  const cutoff = Date.now() - STALE_FOLDER_MS;
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(TEMP_PREFIX)) continue;
    const folder = path.join(tempRoot, entry.name);
    const stat = await fs.promises.stat(folder).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.promises.rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}
