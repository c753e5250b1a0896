/**
 * A session cookie for a bench listener, minted the way next-auth's JWT callback shapes it
 * (lib/auth/options.ts): `uid` = users.id, `name`, `sub` = the Spotify id. Over http the cookie
 * is `next-auth.session-token` (no `__Secure-` prefix).
 */
import { encode } from "next-auth/jwt";

export const SESSION_COOKIE = "next-auth.session-token";

export async function sessionCookie(secret: string, user: { id: string; spotifyId: string; displayName: string | null }): Promise<string> {
  const token = await encode({
    secret,
    maxAge: 3600,
    token: { uid: user.id, name: user.displayName ?? user.spotifyId, sub: user.spotifyId },
  });
  return `${SESSION_COOKIE}=${token}`;
}
