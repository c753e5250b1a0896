import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { userRoute } from "@/lib/http/route";
import { catalogueImages } from "@/lib/catalog/images";

export const dynamic = "force-dynamic";

const imagesQuery = z.object({
  kind: z.enum(["artist", "album", "track"]),
  ids: z
    .string()
    .max(20_000)
    .transform((text) => text.split(",").filter(Boolean))
    .pipe(z.array(z.string().max(200)).max(500)),
});

/** Artwork for the items a dashboard list shows (catalogue data, shared by everyone: no user's plays). */
export const GET = userRoute({ query: imagesQuery }, async ({ query }) => ({ images: await catalogueImages(getDb(), query.kind, query.ids) }));
