/** GET /api/trends's query: `now` (an ISO instant; default the current time) and `limit` (the length of every list). */
import { z } from "zod";
import { parseLocalDate } from "@/lib/stats/local-time";
import { DEFAULT_LIMIT } from "@/lib/stats/types";
import { MAX_LIMIT } from "@/app/api/stats/stats-query";

/** An empty parameter (`?now=&limit=`) is an absent one. */
const absentWhenEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema);

export const trendsQuerySchema = z.object({
  now: absentWhenEmpty(
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i, "now must be an ISO instant with an offset (2025-03-01T12:00:00Z)")
      .transform((text, context) => {
        const instant = new Date(text);
        if (parseLocalDate(text.slice(0, 10)) && !Number.isNaN(instant.getTime())) return instant;
        context.addIssue({ code: "custom", message: "now is not a valid instant" });
        return z.NEVER;
      })
      .optional(),
  ),
  limit: absentWhenEmpty(z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT)),
});

export type TrendsQuery = z.infer<typeof trendsQuerySchema>;
