/**
 * The data-export zip Spotify sends for "Extended streaming history", laid out as the real one:
 * `Spotify Extended Streaming History/Streaming_History_Audio_<years>_<n>.json`, each file a
 * JSON array in time order, `<years>` the years it spans (`2024` or `2024-2025`), `<n>` counting
 * files from 0.
 */
import fs from "node:fs";
import path from "node:path";
import yazl from "yazl";
import type { StreamingHistoryEntry } from "./streaming-history";

export const EXPORT_FOLDER = "Spotify Extended Streaming History";

/** Spotify cuts its files at roughly this many entries (about 12 MB). */
export const ENTRIES_PER_FILE = 15_000;

export type ExportFile = { name: string; entries: StreamingHistoryEntry[] };

/** Splits entries (oldest first) into the export's files and names them. */
export function exportFiles(entries: readonly StreamingHistoryEntry[], entriesPerFile = ENTRIES_PER_FILE): ExportFile[] {
  const files: ExportFile[] = [];
  for (let start = 0; start < entries.length; start += entriesPerFile) {
    const chunk = entries.slice(start, start + entriesPerFile);
    const firstYear = chunk[0].ts.slice(0, 4);
    const lastYear = chunk[chunk.length - 1].ts.slice(0, 4);
    const years = firstYear === lastYear ? firstYear : `${firstYear}-${lastYear}`;
    files.push({ name: `${EXPORT_FOLDER}/Streaming_History_Audio_${years}_${files.length}.json`, entries: chunk });
  }
  return files;
}

/** Writes the zip next to its final path first, so a crash never leaves half a zip behind. */
export async function writeExportZip(files: readonly ExportFile[], zipPath: string, modified = new Date()): Promise<void> {
  fs.mkdirSync(path.dirname(zipPath), { recursive: true });
  const partial = `${zipPath}.partial`;
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(Buffer.from(JSON.stringify(file.entries, null, 2)), file.name, { mtime: modified });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(partial);
    zip.outputStream.on("error", reject).pipe(out).on("error", reject).on("close", resolve);
  });
  fs.renameSync(partial, zipPath);
}
