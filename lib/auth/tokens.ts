/**
 * Spotify tokens of a user: stored encrypted, refreshed server-side when they expire within
 * 60 s (SPEC §3), rotated refresh tokens kept, `invalid_grant` turned into "sign in again".
 */
import type { Db } from "@/lib/db/client";
import { inPlainTransaction } from "@/lib/db/plain-transaction";
import { decryptToken, encryptToken } from "@/lib/crypto/token-cipher";
import { refreshAccessToken, SpotifyReauthRequiredError, type TokenSet } from "@/lib/spotify";
import type { AccountsOptions } from "@/lib/spotify/accounts";

const REFRESH_MARGIN_MS = 60_000;

export type StoredTokens = { accessToken: string; refreshToken: string; expiresAt: Date; scope: string };

export async function storeTokens(db: Db, userId: string, tokens: StoredTokens): Promise<void> {
  const data = {
    accessTokenEnc: encryptToken(tokens.accessToken, userId),
    refreshTokenEnc: encryptToken(tokens.refreshToken, userId),
    expiresAt: tokens.expiresAt,
    scope: tokens.scope,
  };
  await db.spotifyToken.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}

export class NotConnectedError extends Error {
  constructor() {
    super("This user has no Spotify connection: sign in with Spotify again.");
  }
}

export async function markNeedsReauth(db: Db, userId: string, reason: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { needsReauth: true, reauthReason: reason } });
}

/**
 * A valid access token for the user. Refreshes under a row lock, so two runs at once refresh
 * once and never store an older rotation over a newer one.
 */
export async function getValidAccessToken(
  db: Db,
  userId: string,
  options: { forceRefresh?: boolean; accounts?: AccountsOptions; now?: () => Date } = {},
): Promise<string> {
  const now = options.now ?? (() => new Date());
  const row = await db.spotifyToken.findUnique({ where: { userId } });
  if (!row) throw new NotConnectedError();
  if (!options.forceRefresh && row.expiresAt.getTime() - now().getTime() > REFRESH_MARGIN_MS) {
    return decryptToken(row.accessTokenEnc, userId);
  }
  try {
    return await refreshUnderLock(db, userId, row.updatedAt, now, options.accounts);
  } catch (error) {
    if (error instanceof SpotifyReauthRequiredError) await markNeedsReauth(db, userId, "Spotify refused the refresh token (invalid_grant)");
    throw error;
  }
}

async function refreshUnderLock(db: Db, userId: string, seenUpdatedAt: Date, now: () => Date, accounts?: AccountsOptions): Promise<string> {
  // A plain transaction, not Prisma's (lib/db/plain-transaction.ts): it is held across the call
  // to Spotify, and a rotated refresh token lost with a dropped transaction cannot be asked for again.
  return inPlainTransaction(db, async (tx) => {
    const [locked] = await tx.$queryRaw<{ access_token_enc: string; refresh_token_enc: string; expires_at: Date; updated_at: Date }[]>`
      SELECT access_token_enc, refresh_token_enc, expires_at, updated_at FROM spotify_tokens WHERE user_id = ${userId} FOR UPDATE`;
    if (!locked) throw new NotConnectedError();
    // Another process refreshed while we waited for the lock.
    if (locked.updated_at > seenUpdatedAt && locked.expires_at.getTime() - now().getTime() > REFRESH_MARGIN_MS) {
      return decryptToken(locked.access_token_enc, userId);
    }
    const fresh: TokenSet = await refreshAccessToken(decryptToken(locked.refresh_token_enc, userId), accounts);
    // Spotify may leave out the refresh token (keep using the old one) and the scope.
    await tx.$executeRaw`
      UPDATE spotify_tokens SET
        access_token_enc = ${encryptToken(fresh.accessToken, userId)},
        refresh_token_enc = COALESCE(${fresh.refreshToken ? encryptToken(fresh.refreshToken, userId) : null}::text, refresh_token_enc),
        expires_at = ${fresh.expiresAt},
        scope = COALESCE(NULLIF(${fresh.scope}::text, ''), scope),
        updated_at = ${new Date()}
      WHERE user_id = ${userId}`;
    return fresh.accessToken;
  });
}

/** When the user's refresh token stops working: six months after they first authorised. */
export function refreshTokenExpiry(authorizedAt: Date | null): Date | null {
  if (!authorizedAt) return null;
  const expiry = new Date(authorizedAt);
  expiry.setUTCMonth(expiry.getUTCMonth() + 6);
  return expiry;
}
