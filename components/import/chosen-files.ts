/**
 * What the reader chose on the import page: the .zip or .json files themselves, or the unzipped
 * export's folder (picked, or dropped). From a folder only the .json files are sent: the export
 * also holds PDFs and other files, and the server passes over JSON files that are no history.
 */

/** Files picked through a folder input carry their path inside it. */
export function filesOfPick(list: FileList): File[] {
  const files = Array.from(list);
  return files.some((file) => file.webkitRelativePath) ? files.filter(isJson) : files;
}

/** Dropped files as they are; dropped folders walked through for their .json files. */
export async function filesOfDrop(transfer: DataTransfer): Promise<File[]> {
  const entries = Array.from(transfer.items, (item) => item.webkitGetAsEntry?.() ?? null);
  if (!entries.some((entry) => entry?.isDirectory)) return Array.from(transfer.files);
  const files: File[] = [];
  for (const entry of entries) {
    if (entry?.isDirectory) files.push(...(await jsonFilesIn(entry as FileSystemDirectoryEntry)));
    else if (entry?.isFile) files.push(await fileOf(entry as FileSystemFileEntry));
  }
  return files;
}

function isJson(file: File): boolean {
  return /\.json$/i.test(file.name);
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function jsonFilesIn(folder: FileSystemDirectoryEntry): Promise<File[]> {
  const reader = folder.createReader();
  const files: File[] = [];
  // readEntries answers in batches (about 100 at a time) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return files;
    for (const entry of batch) {
      if (entry.isDirectory) files.push(...(await jsonFilesIn(entry as FileSystemDirectoryEntry)));
      else if (entry.isFile && /\.json$/i.test(entry.name)) files.push(await fileOf(entry as FileSystemFileEntry));
    }
  }
}
