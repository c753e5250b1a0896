import { getDb } from "@/lib/db/client";
import { userRoute } from "@/lib/http/route";
import { collectionStatus } from "@/lib/collection/status";

export const dynamic = "force-dynamic";

/** The signed-in user's collection progress (their own runs and lookups only), polled by pages while work is pending. */
export const GET = userRoute({}, async ({ user }) => collectionStatus(getDb(), user.id));
