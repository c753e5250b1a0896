import { createHash, randomBytes } from "node:crypto";

// PKCE (RFC 7636) with the S256 method, as Spotify's authorization-code flow accepts it.

export function createCodeVerifier(): string {
  // 64 random bytes → 86 base64url characters, within the 43..128 the RFC allows.
  return randomBytes(64).toString("base64url");
}

export function codeChallengeFor(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier).digest("base64url");
}

export function createPkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = createCodeVerifier();
  return { codeVerifier, codeChallenge: codeChallengeFor(codeVerifier) };
}
