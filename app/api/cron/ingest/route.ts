import { NextResponse } from "next/server";
import { refuseForeignOrigin } from "@/lib/http/origin";
import { jsonError } from "@/lib/http/route";
import { isCronAuthorized } from "@/lib/ingest/cron-auth";
import { runScheduledIngestion } from "@/lib/ingest/scheduled-run";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/**
 * Called by a scheduler with the bearer secret, never by a browser (which cannot know the secret).
 * A POST with another site's Origin is refused all the same (SPEC §9 holds for every state-changing
 * route); schedulers send no Origin.
 */
async function ingest(request: Request) {
  const refused = refuseForeignOrigin(request);
  if (refused) return refused;
  if (!isCronAuthorized(request.headers.get("authorization"))) return jsonError(401, "This endpoint needs Authorization: Bearer <CRON_SECRET>.");
  return NextResponse.json(await runScheduledIngestion("cron"));
}

export { ingest as GET, ingest as POST };
