import { getDb } from "@/lib/db/client";
import { userRoute } from "@/lib/http/route";
import { listPlaylistCards, summaryOf } from "@/lib/playlists/list";

export const dynamic = "force-dynamic";

/** The signed-in user's playlists (SPEC §10), suggestions counted at the current time. */
export const GET = userRoute({}, async ({ user }) => (await listPlaylistCards(getDb(), user.id, new Date())).map(summaryOf));
