import { z } from "zod";

// Zod schemas for the three MusicBrainz answers Encore reads (SPEC 12), and only for the fields
// it reads: objects strip every other key, so MusicBrainz may add or drop the rest freely.

/** MusicBrainz identifiers are UUIDs (8-4-4-4-12 hexadecimal digits). */
export const mbidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not a MusicBrainz id");

/**
 * GET /ws/2/url?resource=...&inc=artist-rels&fmt=json: the URL entity and its relationships.
 * Only artist relationships (`target-type` "artist") carry the artist object read here.
 */
export const urlLookupSchema = z.object({
  relations: z
    .array(
      z
        .object({ "target-type": z.string(), artist: z.object({ id: mbidSchema }).optional() })
        .refine((relation) => relation["target-type"] !== "artist" || relation.artist !== undefined, {
          message: "an artist relationship without its artist",
          path: ["artist"],
        }),
    )
    .optional(),
});

/** GET /ws/2/artist?query=...&fmt=json: the search's matches with their scores (0-100). */
export const artistSearchSchema = z.object({
  artists: z.array(
    z.object({
      id: mbidSchema,
      name: z.string(),
      // A number in today's JSON; older search servers sent it as a string.
      score: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
    }),
  ),
});

/** GET /ws/2/artist/{mbid}?inc=genres&fmt=json: the artist's genres with their vote counts. */
export const artistGenresSchema = z.object({
  id: mbidSchema,
  genres: z.array(z.object({ name: z.string().min(1), count: z.number().int() })),
});

export type MusicBrainzGenreVote = z.infer<typeof artistGenresSchema>["genres"][number];
export type MusicBrainzSearchMatch = z.infer<typeof artistSearchSchema>["artists"][number];
