/** Who is signed in, for server components and route handlers. */
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getAuthOptions } from "@/lib/auth/options";
import { getDb } from "@/lib/db/client";

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

/** Read once per request (React `cache()`): the layout, the page and a route share one lookup. */
export const getSessionUser = cache(async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  // One statement (Prisma's include would add a second round trip to every page and route).
  const rows = await getDb().$queryRaw<SessionUser[]>`
    SELECT u.id, u.spotify_id AS "spotifyId", COALESCE(u.display_name, u.spotify_id) AS "displayName", u.image_url AS "imageUrl",
           u.time_zone AS "timeZone", u.authorized_at AS "authorizedAt", u.needs_reauth AS "needsReauth", u.reauth_reason AS "reauthReason",
           EXISTS (SELECT 1 FROM spotify_tokens t WHERE t.user_id = u.id) AS connected
    FROM users u WHERE u.id = ${id}`;
  // None: deleted since the session was issued.
  return rows[0] ?? null;
});

/** For pages: anonymous visitors go to the sign-in page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/");
  return user;
}
