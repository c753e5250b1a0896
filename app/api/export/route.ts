import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { userRoute } from "@/lib/http/route";
import { exportStream } from "@/lib/export/plays";

export const dynamic = "force-dynamic";

const exportQuery = z.object({ format: z.enum(["csv", "json"], { error: "format must be csv or json" }) });

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

/** All of the signed-in user's plays, streamed as a download. */
export const GET = userRoute({ query: exportQuery }, async ({ user, query }) => {
  const filename = `encore-plays-${user.spotifyId.replace(/[^\w.-]/g, "_")}-${new Date().toISOString().slice(0, 10)}.${query.format}`;
  return new Response(exportStream(getDb(), user.id, query.format), {
    headers: {
      "Content-Type": CONTENT_TYPES[query.format],
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
