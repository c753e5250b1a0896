/**
 * Share link tokens (SPEC §11): 32 random bytes, base64url, in the link only. The database
 * keeps their SHA-256, so neither a database dump nor a log of it opens a link.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 bytes in base64url without padding: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newShareToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Null for anything that cannot be a token (so it is refused like an unknown one). */
export function shareTokenHash(token: string): Uint8Array<ArrayBuffer> | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  return new Uint8Array(createHash("sha256").update(token, "utf8").digest());
}

/** Constant-time comparison of two token hashes. */
export function sameTokenHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
