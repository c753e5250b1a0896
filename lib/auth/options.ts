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
import { authorizeFailure, safeErrorText, SignInAttempt, signInFailureOf } from "@/lib/auth/sign-in-failure";
import { isHttpsUrl } from "@/lib/http/security-headers";
import { refreshTokenExpiry, storeTokens } from "@/lib/auth/tokens";
import { startFirstCollection } from "@/lib/collection/first-collection";
import { createSpotifyClient, exchangeCode, readSpotifyConfig, SPOTIFY_SCOPES, SpotifyPremiumRequiredError } from "@/lib/spotify";
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

/** next-auth's logger metadata when Spotify sent the user back with `?error=`. */
function isAuthorizeError(metadata: unknown): metadata is { error: Error; providerId: string } {
  return typeof metadata === "object" && metadata !== null && "providerId" in metadata && (metadata as { error?: unknown }).error instanceof Error;
}

function errorOf(metadata: unknown): unknown {
  return typeof metadata === "object" && metadata !== null && "error" in metadata ? (metadata as { error: unknown }).error : metadata;
}

/**
 * `attempt` collects why this request's sign-in failed (the route handler reads it to send the
 * user to the right error page); reads of the session need none.
 */
export function getAuthOptions(attempt: SignInAttempt = new SignInAttempt()): NextAuthOptions {
  const spotify = readSpotifyConfig();
  const secrets = [spotify.clientSecret];
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    // Secure (and __Secure-/__Host- prefixed) cookies exactly when the public URL is HTTPS (SPEC §9);
    // plain HTTP on 127.0.0.1 (the demo) keeps working. HttpOnly and SameSite=Lax are next-auth's defaults.
    useSecureCookies: isHttpsUrl(process.env.NEXTAUTH_URL),
    pages: { signIn: "/", error: "/auth/error" },
    providers: [
      SpotifyProvider({
        clientId: spotify.clientId ?? "",
        clientSecret: spotify.clientSecret ?? "",
        authorization: { url: `${spotify.accountsUrl}/authorize`, params: { scope: SPOTIFY_SCOPES } },
        token: {
          url: `${spotify.accountsUrl}/api/token`,
          // Through our accounts client: the answer is zod-validated, 5xx are retried, and a
          // failure is a typed error that says which step failed and why.
          async request({ params, checks, provider }) {
            // next-auth leaves comparing `state` to openid-client's exchange, which this replaces.
            if (!checks.state || params.state !== checks.state) {
              attempt.record({ step: "authorize", reason: "expired", detail: "the state Spotify returned does not match this browser's sign-in" });
              throw new Error("state mismatch");
            }
            if (!params.code) {
              attempt.record({ step: "authorize", reason: "unknown", field: "code", detail: "Spotify's answer has no code" });
              throw new Error("code missing from Spotify's answer");
            }
            try {
              const tokens = await exchangeCode(
                { code: params.code, codeVerifier: checks.code_verifier ?? "", redirectUri: provider.callbackUrl },
                { accountsUrl: spotify.accountsUrl, clientId: spotify.clientId, clientSecret: spotify.clientSecret },
              );
              return {
                tokens: {
                  access_token: tokens.accessToken,
                  refresh_token: tokens.refreshToken,
                  expires_at: Math.floor(tokens.expiresAt.getTime() / 1000),
                  scope: tokens.scope,
                  token_type: "Bearer",
                },
              };
            } catch (error) {
              attempt.record(signInFailureOf("token exchange", error));
              throw error;
            }
          },
        },
        userinfo: {
          url: `${spotify.apiUrl}/v1/me`,
          // Through our client: the profile is zod-validated, and a 403 for the app owner's
          // missing Premium becomes its own page instead of a generic callback error.
          async request({ tokens }): Promise<Profile> {
            try {
              const me = await createSpotifyClient({ accessToken: tokens.access_token ?? "", apiUrl: spotify.apiUrl }).getMe();
              return me as Profile;
            } catch (error) {
              attempt.record(signInFailureOf("profile", error));
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
      // next-auth logs whole error objects, which can hold OAuth responses, codes and tokens:
      // only the step and a redacted reason are written (lib/auth/sign-in-failure.ts).
      error: (code, metadata) => {
        if (code === "OAUTH_CALLBACK_HANDLER_ERROR" && isAuthorizeError(metadata)) return attempt.record(authorizeFailure(metadata.error.message));
        if (code === "SIGNIN_OAUTH_ERROR") return attempt.record({ step: "authorize", reason: "unknown", detail: safeErrorText(errorOf(metadata), secrets) });
        if (code === "OAUTH_CALLBACK_HANDLER_ERROR") return attempt.record({ step: "account", reason: "unknown", detail: safeErrorText(errorOf(metadata), secrets) });
        if (code === "OAUTH_PARSE_PROFILE_ERROR") return attempt.record({ step: "profile", reason: "unexpected-response", detail: safeErrorText(errorOf(metadata), secrets) });
        if (code === "OAUTH_CALLBACK_ERROR") {
          // Already recorded by the token or profile request; otherwise next-auth's own checks
          // (the state or PKCE cookie missing or expired) refused Spotify's answer.
          if (attempt.failure) return;
          return attempt.record({ step: "authorize", reason: "expired", detail: safeErrorText(errorOf(metadata), secrets) });
        }
        console.error(`[auth] ${code}`);
      },
      warn: (code) => console.warn(`[auth] ${code}`),
      debug: () => undefined,
    },
  };
}

/**
 * Runs one request of next-auth's route (`run` calls NextAuth with the options it is given): a
 * failed sign-in goes to the error page with the reason this request found, and logged.
 */
export async function handleAuthRequest(run: (options: NextAuthOptions) => Promise<Response>): Promise<Response> {
  const attempt = new SignInAttempt();
  const response = await run(getAuthOptions(attempt));
  const errorPage = attempt.errorPageLocation(response.headers.get("Location"));
  if (errorPage) response.headers.set("Location", errorPage);
  return response;
}
