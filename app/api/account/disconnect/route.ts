import { getDb } from "@/lib/db/client";
import { userRoute } from "@/lib/http/route";
import { disconnectSpotify } from "@/lib/account/account";

export const dynamic = "force-dynamic";

/** Forgets the signed-in user's Spotify tokens and keeps their data. */
export const POST = userRoute({}, async ({ user }) => ({ disconnected: await disconnectSpotify(getDb(), user.id) }));
