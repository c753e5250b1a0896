import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { jsonError, userRoute } from "@/lib/http/route";
import { parseLocalDate } from "@/lib/stats/local-time";
import { createShare, DEFAULT_SHARE_DAYS, listLiveShares, ShareLimitError } from "@/lib/shares";

export const dynamic = "force-dynamic";

const localDate = z.string().refine((text) => parseLocalDate(text) !== null, "must be a date YYYY-MM-DD");
const options = {
  expiresInDays: z.number().int().min(1).max(365).default(DEFAULT_SHARE_DAYS),
  showName: z.boolean().default(false),
};
const shareBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("wrapped"), year: z.number().int().min(1000).max(9999), ...options }),
  z
    .object({ kind: z.literal("overview"), from: localDate.nullish().transform((v) => v ?? null), to: localDate.nullish().transform((v) => v ?? null), ...options })
    .refine((body) => !body.from || !body.to || body.from <= body.to, { message: "from must not be after to", path: ["from"] }),
]);

/** Makes a share link of the signed-in user's year in review or overview (SPEC §11). */
export const POST = userRoute({ body: shareBody }, async ({ user, body }) => {
  const { expiresInDays, showName, ...request } = body;
  try {
    return await createShare(getDb(), user, request, { expiresInDays, showName });
  } catch (error) {
    if (error instanceof ShareLimitError) return jsonError(409, error.message);
    throw error;
  }
});

/** The signed-in user's live share links. */
export const GET = userRoute({}, async ({ user }) => listLiveShares(getDb(), user.id));
