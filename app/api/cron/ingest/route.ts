import { NextResponse } from "next/server";
import { jsonError } from "@/lib/http/route";
import { isCronAuthorized } from "@/lib/ingest/cron-auth";
import { runScheduledIngestion } from "@/lib/ingest/scheduled-run";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

async function ingest(request: Request) {
  if (!isCronAuthorized(request.headers.get("authorization"))) return jsonError(401, "This endpoint needs Authorization: Bearer <CRON_SECRET>.");
  return NextResponse.json(await runScheduledIngestion("cron"));
}

export { ingest as GET, ingest as POST };
