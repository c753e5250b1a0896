import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { jsonError, userRoute } from "@/lib/http/route";
import { playlistCsv } from "@/lib/playlists/csv";
import { detailOf, loadPlaylistView } from "@/lib/playlists/detail";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().regex(/^[0-9A-Za-z]{1,64}$/) });
const query = z.object({
  now: z.iso.datetime({ offset: true, error: "now must be an ISO instant, e.g. 2026-03-01T12:00:00Z" }).optional(),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).optional(),
});

/**
 * One of the signed-in user's listed playlists at `now` (SPEC §10), as JSON or CSV. Any other
 * id, another user's playlist included, is 404 alike.
 */
export const GET = userRoute({ params, query }, async ({ user, params, query }) => {
  const view = await loadPlaylistView(getDb(), user.id, params.id, query.now ? new Date(query.now) : new Date());
  if (!view) return jsonError(404, "Not found.");
  const detail = detailOf(view);
  if (query.format !== "csv") return detail;
  return new Response(playlistCsv(detail), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="encore-playlist-${params.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
