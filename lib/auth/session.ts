/** Who is signed in, for server components and route handlers. */
import { cache } from "react";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/options";
import { isHttpsUrl } from "@/lib/http/security-headers";
import { getDb } from "@/lib/db/client";
import { collectionFactsColumns, type CollectionFacts } from "@/lib/collection/collection-facts";
import { DATA_VERSION_COLUMNS, keepSessionDataVersion, type DataVersion } from "@/lib/stats/data-version";

export type SessionUser = {
  id: string;
  spotifyId: string;
  displayName: string;
  imageUrl: string | null;
  timeZone: string;
  authorizedAt: Date | null;
  needsReauth: boolean;
  reauthReason: string | null;
  connected: boolean;
};

/**
 * The signed-in user's id: next-auth's session cookie (its JWT, encrypted with the app's secret)
 * decoded. getServerSession would also re-encode the cookie and make a CSRF token, for a response
 * it cannot touch outside next-auth's own route: twice the work, on every request. Only the
 * cookie counts (as for getServerSession): not getToken's fallback to an Authorization header.
 */
async function sessionUserId(): Promise<string | null> {
  const req = { cookies: await cookies(), headers: new Headers() } as unknown as NextRequest;
  const token = await getToken({ req, secret: authSecret(), secureCookie: isHttpsUrl(process.env.NEXTAUTH_URL) });
  return typeof token?.uid === "string" ? token.uid : null;
}

/** Read once per request (React `cache()`): the layout, the page and a route share one lookup. */
const getSessionRow = cache(async function getSessionRow(): Promise<{
  user: SessionUser;
  collection: CollectionFacts;
  followedArtistIds: string[];
  readAt: Date;
} | null> {
  const id = await sessionUserId();
  if (!id) return null;
  // One statement: the user with its tokens' existence (Prisma's include would add a round trip)
  // and the facts of every page's collection status line (lib/collection/status.ts), which the
  // layout would otherwise ask for in a second round trip, the user's data version, which the
  // page's caches of figures would (lib/stats/data-version.ts), and the artists they follow (at
  // most 20), which an artist page's button would.
  const readAt = new Date();
  const rows = await getDb().$queryRaw<(SessionUser & CollectionFacts & DataVersion & { followedArtistIds: string[] })[]>`
    SELECT u.id, u.spotify_id AS "spotifyId", COALESCE(u.display_name, u.spotify_id) AS "displayName", u.image_url AS "imageUrl",
           u.time_zone AS "timeZone", u.authorized_at AS "authorizedAt", u.needs_reauth AS "needsReauth", u.reauth_reason AS "reauthReason",
           EXISTS (SELECT 1 FROM spotify_tokens t WHERE t.user_id = u.id) AS connected,
           ${collectionFactsColumns(readAt)},
           ${DATA_VERSION_COLUMNS},
           ARRAY(SELECT f.artist_id FROM follows f WHERE f.user_id = u.id) AS "followedArtistIds"
    FROM users u WHERE u.id = ${id}`;
  // None: deleted since the session was issued.
  if (!rows[0]) return null;
  const { lastIngestedAt, oldestRunStart, queuePending, spotify_id, display_name, version, last_played_at, last_collected_at, followedArtistIds, ...user } = rows[0];
  keepSessionDataVersion(id, { spotify_id, display_name, version, last_played_at, last_collected_at });
  return { user, collection: { lastIngestedAt, oldestRunStart, queuePending }, followedArtistIds, readAt };
});

export const getSessionUser = cache(async function getSessionUser(): Promise<SessionUser | null> {
  return (await getSessionRow())?.user ?? null;
});

/** The signed-in user's collection facts, read with the user (null when nobody is signed in). */
export async function sessionCollectionFacts(): Promise<{ facts: CollectionFacts; readAt: Date } | null> {
  const row = await getSessionRow();
  return row ? { facts: row.collection, readAt: row.readAt } : null;
}

/** The artists the signed-in user follows, read with the user (null when nobody is signed in). */
export async function sessionFollowedArtistIds(): Promise<string[] | null> {
  return (await getSessionRow())?.followedArtistIds ?? null;
}

/** For pages: anonymous visitors go to the sign-in page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/");
  return user;
}
