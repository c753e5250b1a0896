/**
 * Uploads waiting for the user's confirmation after their preview (SPEC section 4): each in its
 * own private folder (0700) named by a random id, known only to this server process and tied to
 * the user who sent it, for at most 30 minutes. Confirm, cancel and expiry delete the folder;
 * another user's id answers as an unknown one. The list lives in memory: a restarted server has
 * forgotten every waiting upload (the page then asks to upload again), and the next upload
 * deletes the folders that a process no longer running left behind.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { receiveUpload, type ReceiveOptions, type UploadedFile } from "./upload";

export const PENDING_UPLOAD_TTL_MS = 30 * 60 * 1000;
const ROOT_PREFIX = "encore-uploads-";
/** A waiting upload's id: 24 random bytes, base64url (anything else in a route is a 404). */
export const pendingUploadParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{32}$/) });

/** What confirm and cancel answer for an unknown, expired or someone else's upload (404 alike). */
export const UPLOAD_NOT_WAITING =
  "This upload is no longer waiting: it was imported or cancelled, 30 minutes went by, or the server restarted. Upload the export again.";

export type PendingUpload = {
  id: string;
  userId: string;
  folder: string;
  files: UploadedFile[];
  /** The files in the folder, in the order sent. */
  paths: string[];
  expiresAt: Date;
};

export type PendingUploadsOptions = {
  /** Where each process keeps its folder of waiting uploads; the system's temp folder by default. */
  base?: string;
  /** Names this process's folder; its process id by default. */
  instance?: string;
  /** Whether the process that owns a folder still runs (by default: a process with that id exists). */
  isAlive?: (instance: string) => boolean;
  ttlMs?: number;
  now?: () => Date;
};

function processIsAlive(instance: string): boolean {
  const pid = Number(instance);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

type Waiting = PendingUpload & { timer: NodeJS.Timeout };

export class PendingUploads {
  readonly root: string;
  private readonly base: string;
  private readonly instance: string;
  private readonly isAlive: (instance: string) => boolean;
  private readonly ttlMs: number;
  private readonly now: () => Date;
  private readonly waiting = new Map<string, Waiting>();

  constructor(options: PendingUploadsOptions = {}) {
    this.base = options.base ?? os.tmpdir();
    this.instance = options.instance ?? String(process.pid);
    this.root = path.join(this.base, `${ROOT_PREFIX}${this.instance}`);
    this.isAlive = options.isAlive ?? processIsAlive;
    this.ttlMs = options.ttlMs ?? PENDING_UPLOAD_TTL_MS;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Streams an upload into a new private folder and lets it wait for `userId`'s confirmation. The
   * user's earlier upload still waiting is cancelled: one waits per user. On failure nothing is left.
   */
  async receive(userId: string, body: ReadableStream<Uint8Array> | null, options: Omit<ReceiveOptions, "folder" | "tempRoot"> = {}): Promise<PendingUpload> {
    await this.sweep();
    for (const upload of [...this.waiting.values()]) if (upload.userId === userId) await this.discard(upload);
    await fs.promises.mkdir(this.root, { recursive: true, mode: 0o700 });
    await fs.promises.chmod(this.root, 0o700);
    const id = randomBytes(24).toString("base64url");
    const folder = path.join(this.root, id);
    await fs.promises.mkdir(folder, { mode: 0o700 });
    await fs.promises.chmod(folder, 0o700);
    const received = await receiveUpload(body, { ...options, folder });
    const expiresAt = new Date(this.now().getTime() + this.ttlMs);
    const timer = setTimeout(() => void this.discard(this.waiting.get(id)), this.ttlMs);
    timer.unref();
    const upload: Waiting = { id, userId, folder, files: received.files, paths: received.paths, expiresAt, timer };
    this.waiting.set(id, upload);
    return publicView(upload);
  }

  /** The upload if it waits for this user; unknown, expired and other users' ids alike give null. */
  get(id: string, userId: string): PendingUpload | null {
    const upload = this.waiting.get(id);
    if (!upload || upload.userId !== userId) return null;
    if (this.now().getTime() >= upload.expiresAt.getTime()) {
      void this.discard(upload);
      return null;
    }
    return publicView(upload);
  }

  /**
   * Confirmation: the upload stops waiting (a second confirm finds nothing) and the caller owns
   * its folder, to delete with `remove` once the import is over.
   */
  take(id: string, userId: string): PendingUpload | null {
    const upload = this.get(id, userId);
    if (!upload) return null;
    const waiting = this.waiting.get(id)!;
    clearTimeout(waiting.timer);
    this.waiting.delete(id);
    return upload;
  }

  /** Cancel: deletes the folder. False when nothing of this user waits under that id. */
  async cancel(id: string, userId: string): Promise<boolean> {
    const upload = this.get(id, userId);
    if (!upload) return false;
    await this.discard(this.waiting.get(id));
    return true;
  }

  async remove(upload: PendingUpload): Promise<void> {
    await fs.promises.rm(upload.folder, { recursive: true, force: true });
  }

  /** How many uploads wait (for tests and the status of a process). */
  get size(): number {
    return this.waiting.size;
  }

  private async discard(upload: Waiting | undefined): Promise<void> {
    if (!upload) return;
    clearTimeout(upload.timer);
    this.waiting.delete(upload.id);
    await this.remove(upload);
  }

  /** Expired uploads of this process, and the folders of processes that no longer run. */
  private async sweep(): Promise<void> {
    const now = this.now().getTime();
    for (const upload of [...this.waiting.values()]) if (now >= upload.expiresAt.getTime()) await this.discard(upload);
    const entries = await fs.promises.readdir(this.base, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isDirectory() || !entry.name.startsWith(ROOT_PREFIX)) continue;
      const instance = entry.name.slice(ROOT_PREFIX.length);
      if (instance === this.instance || this.isAlive(instance)) continue;
      await fs.promises.rm(path.join(this.base, entry.name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

function publicView(upload: Waiting): PendingUpload {
  return { id: upload.id, userId: upload.userId, folder: upload.folder, files: upload.files, paths: upload.paths, expiresAt: upload.expiresAt };
}

const GLOBAL_KEY = Symbol.for("encore.pendingUploads");

/** The server process's waiting uploads, one list shared by every route handler bundle. */
export function pendingUploads(): PendingUploads {
  const store = globalThis as typeof globalThis & { [GLOBAL_KEY]?: PendingUploads };
  store[GLOBAL_KEY] ??= new PendingUploads();
  return store[GLOBAL_KEY];
}
