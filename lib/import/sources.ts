/**
 * Turns the inputs of an import (an export zip, a folder, JSON files, or an upload's bytes) into
 * the list of streaming-history files to read, enforcing the file-count and size limits before
 * anything is inflated. Nothing is ever extracted to disk: zip entries are streamed in place.
 */
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import yauzl from "yauzl";
import { ImportError } from "./errors";
import { formatBytes, type ImportLimits } from "./limits";

/** A path on disk, or bytes received by an upload (a zip or one JSON file). */
export type ImportInput = string | { name: string; data: Uint8Array };

export type HistoryKind = "extended" | "account";

export type HistoryFile = {
  /** Shown in errors: the file's name, or inside a zip its path there. */
  name: string;
  kind: HistoryKind;
  /** Inflated size in bytes (declared by the zip, or the file's size). */
  size: number;
  open(): Promise<Readable>;
};

export type ExportSources = { files: HistoryFile[]; close(): void };

/**
 * Which history a file holds, from its name alone; null for every other file of an export
 * (video and podcast history, profile, payments...), which is never read.
 */
export function classifyHistoryFile(fileName: string): HistoryKind | null {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  if (/^Streaming_History_Audio_.*\.json$/i.test(base) || /^endsong(_\d+)?\.json$/i.test(base)) return "extended";
  if (/^StreamingHistory_music_\d+\.json$/i.test(base) || /^StreamingHistory\d*\.json$/i.test(base)) return "account";
  return null;
}

type Budget = { files: number; bytes: number };

function countFile(budget: Budget, limits: ImportLimits, where: string): void {
  budget.files += 1;
  if (budget.files > limits.maxFiles) {
    throw new ImportError(`${where}: more than ${limits.maxFiles} files; refused`);
  }
}

function countBytes(budget: Budget, limits: ImportLimits, name: string, size: number): void {
  if (size > limits.maxFileBytes) {
    throw new ImportError(`${name}: ${formatBytes(size)} inflated, more than the limit of ${formatBytes(limits.maxFileBytes)} per file; refused`);
  }
  budget.bytes += size;
  if (budget.bytes > limits.maxTotalBytes) {
    throw new ImportError(`${name}: the files add up to more than ${formatBytes(limits.maxTotalBytes)} inflated; refused`);
  }
}

export async function openSources(inputs: readonly ImportInput[], limits: ImportLimits): Promise<ExportSources> {
  const budget: Budget = { files: 0, bytes: 0 };
  const files: HistoryFile[] = [];
  const zips: yauzl.ZipFile[] = [];
  const close = () => {
    for (const zip of zips) zip.close();
  };
  try {
    for (const input of inputs) {
      if (typeof input !== "string") {
        if (/\.zip$/i.test(input.name) || isZipMagic(input.data)) {
          const zip = await openZip(input.name, (cb) => yauzl.fromBuffer(Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength), zipOptions, cb));
          zips.push(zip);
          files.push(...(await listZip(input.name, zip, budget, limits)));
        } else {
          const file = givenFile(input.name, budget, limits, input.data.byteLength, async () => Readable.from([Buffer.from(input.data)]));
          if (file) files.push(file);
        }
        continue;
      }
      const stat = await fs.promises.stat(input).catch(() => {
        throw new ImportError(`${input}: no such file or folder`);
      });
      if (stat.isDirectory()) {
        files.push(...(await listFolder(input, budget, limits)));
      } else if (/\.zip$/i.test(input)) {
        const zip = await openZip(path.basename(input), (cb) => yauzl.open(input, zipOptions, cb));
        zips.push(zip);
        files.push(...(await listZip(path.basename(input), zip, budget, limits)));
      } else if (/\.json$/i.test(input)) {
        const file = givenFile(path.basename(input), budget, limits, stat.size, async () => fs.createReadStream(input, { highWaterMark: 256 * 1024 }));
        if (file) files.push(file);
      } else {
        throw new ImportError(`${input}: expected a Spotify export .zip, a folder of its files, or its .json files`);
      }
    }
    if (files.length === 0) throw noHistoryError(inputs);
  } catch (error) {
    close();
    throw error;
  }
  return { files, close };
}

const HISTORY_NAMES = "Streaming_History_Audio_*.json, endsong_*.json, StreamingHistory_music_*.json or StreamingHistory*.json";

/**
 * A file given by itself; null when it is not a streaming history file (the export's other
 * files, e.g. Userdata.json, dropped together with the history): passed over unread, as in a folder.
 */
function givenFile(name: string, budget: Budget, limits: ImportLimits, size: number, open: () => Promise<Readable>): HistoryFile | null {
  countFile(budget, limits, name);
  const kind = classifyHistoryFile(name);
  if (!kind) return null;
  countBytes(budget, limits, name, size);
  return { name, kind, size, open };
}

/** Nothing to import is a mistake worth saying, with the inputs that held no streaming history. */
function noHistoryError(inputs: readonly ImportInput[]): ImportError {
  const names = inputs.map((input) => (typeof input === "string" ? path.basename(input) : input.name));
  const named = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
  return new ImportError(`${named}: no streaming history file found (expected ${HISTORY_NAMES})`);
}

async function listFolder(root: string, budget: Budget, limits: ImportLimits): Promise<HistoryFile[]> {
  const found: HistoryFile[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await fs.promises.readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      // Symbolic links are not followed: a folder import reads only what is inside the folder.
      if (entry.isDirectory()) await walk(full);
      if (!entry.isFile()) continue;
      const name = path.relative(root, full);
      countFile(budget, limits, root);
      const kind = classifyHistoryFile(entry.name);
      if (!kind) continue;
      const { size } = await fs.promises.stat(full);
      countBytes(budget, limits, name, size);
      found.push({ name, kind, size, open: async () => fs.createReadStream(full, { highWaterMark: 256 * 1024 }) });
    }
  };
  await walk(root);
  return found;
}

const zipOptions: yauzl.Options = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true };

function isZipMagic(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

async function openZip(zipName: string, open: (cb: (error: Error | null, zip?: yauzl.ZipFile) => void) => void): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    open((error, zip) => {
      if (error || !zip) {
        const detail = error?.message ?? "unreadable";
        reject(new ImportError(`${zipName}: not a readable zip file, or truncated (${detail})`));
      } else resolve(zip);
    });
  });
}

/** Reads the zip's central directory only; unsafe names and oversized entries refuse the zip. */
async function listZip(zipName: string, zip: yauzl.ZipFile, budget: Budget, limits: ImportLimits): Promise<HistoryFile[]> {
  if (budget.files + zip.entryCount > limits.maxFiles) {
    throw new ImportError(`${zipName}: ${zip.entryCount} entries, more than the limit of ${limits.maxFiles} files; refused`);
  }
  const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      list.push(entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(list));
    zip.once("error", (error: Error) => {
      const unsafe = /^(absolute path|invalid relative path|invalid characters in fileName)/.test(error.message);
      reject(
        new ImportError(
          unsafe
            ? `${zipName}: refused: an entry has an unsafe name (${error.message})`
            : `${zipName}: not a readable zip file, or truncated (${error.message})`,
        ),
      );
    });
    zip.readEntry();
  });
  const files: HistoryFile[] = [];
  for (const entry of entries) {
    countFile(budget, limits, zipName);
    if (entry.fileName.endsWith("/")) continue;
    const kind = classifyHistoryFile(entry.fileName);
    if (!kind) continue;
    countBytes(budget, limits, entry.fileName, entry.uncompressedSize);
    files.push({
      name: entry.fileName,
      kind,
      size: entry.uncompressedSize,
      open: () =>
        new Promise<Readable>((resolve, reject) => {
          zip.openReadStream(entry, (error, stream) => {
            if (error || !stream) reject(new ImportError(`${entry.fileName}: cannot be read from ${zipName} (${error?.message ?? "no data"})`));
            else resolve(stream);
          });
        }),
    });
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return files;
}
