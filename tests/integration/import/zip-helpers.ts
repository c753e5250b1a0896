/** Builds export zips in memory for the import tests, including deliberately hostile ones. */
import fs from "node:fs";
import path from "node:path";
import yazl from "yazl";

export async function zipEntries(entries: { name: string; data: Buffer | string }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.data), entry.name);
  zip.end();
  const parts: Buffer[] = [];
  for await (const part of zip.outputStream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Every file under `folder`, named by its path relative to it (as Spotify's zip names them). */
export async function zipFolder(folder: string): Promise<Buffer> {
  const entries: { name: string; data: Buffer }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else entries.push({ name: path.relative(folder, full).split(path.sep).join("/"), data: fs.readFileSync(full) });
    }
  };
  walk(folder);
  return zipEntries(entries);
}

/** Replaces a same-length name in local headers and the central directory (yazl refuses unsafe names). */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error("names must have the same length");
  const out = Buffer.from(zip);
  let at = out.indexOf(from);
  while (at >= 0) {
    out.write(to, at, "latin1");
    at = out.indexOf(from, at + 1);
  }
  return out;
}

/** Overwrites the uncompressed size every central directory record declares. */
export function declareUncompressedSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  let at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  while (at >= 0) {
    out.writeUInt32LE(size, at + 24);
    at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
  }
  return out;
}
