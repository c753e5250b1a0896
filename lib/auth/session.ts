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
  const user = await getDb().user.findUnique({ where: { id }, include: { token: { select: { userId: true } } } });
  if (!user) return null; // deleted since the session was issued
  return {
    id: user.id,
    spotifyId: user.spotifyId,
    displayName: user.displayName ?? user.spotifyId,
    imageUrl: user.imageUrl,
    timeZone: user.timeZone,
    authorizedAt: user.authorizedAt,
    needsReauth: user.needsReauth,
    reauthReason: user.reauthReason,
    connected: Boolean(user.token),
  };
});

/** For pages: anonymous visitors go to the sign-in page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/");
  return user;
}
