/**
 * AES-256-GCM for Spotify tokens at rest. Format: `v1.<iv>.<tag>.<ciphertext>` (base64url),
 * a fresh 96-bit nonce per encryption; the user id is bound as additional data so a
 * ciphertext copied onto another user's row does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

export class TokenDecryptionError extends Error {
  constructor() {
    super("A stored Spotify token could not be decrypted: it was tampered with, or TOKEN_ENCRYPTION_KEY changed.");
  }
}

export function readEncryptionKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const raw = env.TOKEN_ENCRYPTION_KEY;
  if (!raw) throw new Error("TOKEN_ENCRYPTION_KEY is not set: it must be 32 random bytes, base64-encoded (openssl rand -base64 32).");
  const key = Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error(`TOKEN_ENCRYPTION_KEY must decode to 32 bytes of base64; it decodes to ${key.length}.`);
  return key;
}

export function encryptToken(plaintext: string, boundTo: string, key: Buffer = readEncryptionKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function decryptToken(sealed: string, boundTo: string, key: Buffer = readEncryptionKey()): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new TokenDecryptionError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new TokenDecryptionError();
  }
}
