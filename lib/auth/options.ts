/**
 * next-auth (v4) configuration: the Spotify provider pointed at SPOTIFY_ACCOUNTS_URL /
 * SPOTIFY_API_URL (Spotify or the simulator), `state` and PKCE checked, JWT sessions that carry
 * only our user id. Tokens go to the database, encrypted; the browser never sees them.
 * Built per request so configuration is read at run time, not at build time.
 */
import type { NextAuthOptions, Profile } from "next-auth";
import SpotifyProvider from "next-auth/providers/spotify";
import { cookies } from "next/headers";
import { getDb } from "@/lib/db/client";
import { refreshTokenExpiry, storeTokens } from "@/lib/auth/tokens";
import { startFirstCollection } from "@/lib/collection/first-collection";
import { createSpotifyClient, readSpotifyConfig, SPOTIFY_SCOPES, SpotifyPremiumRequiredError } from "@/lib/spotify";
import { timeZoneName } from "@/lib/time-zones";

export const TIME_ZONE_COOKIE = "encore_tz";
/** Stands in for the profile when Spotify refuses /v1/me because the app owner lacks Premium. */
const PREMIUM_REQUIRED_PROFILE_ID = "encore:premium-required";

type SpotifyProfile = { id: string; display_name?: string | null; images?: { url: string }[] | null };

export function authSecret(): string | undefined {
  return process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
}

async function browserTimeZone(): Promise<string | undefined> {
  try {
    const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
    return (value && timeZoneName(value)) || undefined;
  } catch {
    return undefined;
  }
}

function startsNewWindow(user: { needsReauth: boolean; authorizedAt: Date | null }, now: Date): boolean {
  const expiry = refreshTokenExpiry(user.authorizedAt);
  return user.needsReauth || !expiry || expiry.getTime() <= now.getTime();
}

export function getAuthOptions(): NextAuthOptions {
  const spotify = readSpotifyConfig();
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/", error: "/auth/error" },
    providers: [
      SpotifyProvider({
        clientId: spotify.clientId ?? "",
        clientSecret: spotify.clientSecret ?? "",
        authorization: { url: `${spotify.accountsUrl}/authorize`, params: { scope: SPOTIFY_SCOPES } },
        token: `${spotify.accountsUrl}/api/token`,
        userinfo: {
          url: `${spotify.apiUrl}/v1/me`,
          // Through our client: the profile is zod-validated, and a 403 for the app owner's
          // missing Premium becomes its own page instead of a generic callback error.
          async request({ tokens }): Promise<Profile> {
            try {
              const me = await createSpotifyClient({ accessToken: tokens.access_token ?? "", apiUrl: spotify.apiUrl }).getMe();
              return me as Profile;
            } catch (error) {
              if (error instanceof SpotifyPremiumRequiredError) return { id: PREMIUM_REQUIRED_PROFILE_ID, display_name: null, images: [] } as Profile;
              throw error;
            }
          },
        },
        checks: ["pkce", "state"],
        profile(profile: SpotifyProfile) {
          return { id: profile.id, name: profile.display_name ?? profile.id, email: null, image: profile.images?.[0]?.url ?? null };
        },
      }),
    ],
    callbacks: {
      async signIn({ profile }) {
        if ((profile as SpotifyProfile | undefined)?.id === PREMIUM_REQUIRED_PROFILE_ID) return "/auth/error?error=PremiumRequired";
        return true;
      },
      async jwt({ token, account, profile }) {
        // Only on sign-in: create or update the user and keep their tokens, encrypted.
        if (account?.provider === "spotify" && profile) {
          const me = profile as unknown as SpotifyProfile;
          if (!account.access_token || !account.refresh_token) throw new Error("Spotify did not return tokens");
          const db = getDb();
          const now = new Date();
          const existing = await db.user.findUnique({ where: { spotifyId: me.id } });
          const profileData = { displayName: me.display_name ?? me.id, imageUrl: me.images?.[0]?.url ?? null };
          const user = existing
            ? await db.user.update({
                where: { id: existing.id },
                // A new consent after expiry or revocation starts a new six-month window (also
                // when the window ended before any refresh noticed); within it, it does not.
                data: { ...profileData, needsReauth: false, reauthReason: null, ...(startsNewWindow(existing, now) ? { authorizedAt: now } : {}) },
              })
            : await db.user.create({
                data: { spotifyId: me.id, ...profileData, authorizedAt: now, timeZone: (await browserTimeZone()) ?? "UTC" },
              });
          await storeTokens(db, user.id, {
            accessToken: account.access_token,
            refreshToken: account.refresh_token,
            expiresAt: new Date((account.expires_at ?? Math.floor(now.getTime() / 1000) + 3600) * 1000),
            scope: account.scope ?? "",
          });
          startFirstCollection(user.id);
          return { uid: user.id, name: user.displayName, sub: me.id };
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { name: token.name ?? null, id: token.uid as string } };
      },
    },
    logger: {
      // next-auth logs whole error objects, which can hold OAuth responses: keep only codes.
      error: (code) => console.error(`[auth] ${code}`),
      warn: (code) => console.warn(`[auth] ${code}`),
      debug: () => undefined,
    },
  };
}
