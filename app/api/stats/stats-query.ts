/**
 * GET /api/stats's query, and the statistics filter it means for the signed-in user: `range`
 * presets and `from`/`to` as on the dashboard's URL (local dates, or ISO instants as `report`
 * takes them), `tz` overriding the user's zone, `limit` the length of every list, `by=time` ranking
 * the lists by time listened first (the dashboard's switch; SPEC's order, by streams, is the default).
 */
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { timeZoneName } from "@/lib/time-zones";
import { parseBound, RANGE_PRESETS, resolveRangeQuery, RangeArgumentError } from "@/lib/stats/range";
import { DEFAULT_LIMIT, type StatsFilter } from "@/lib/stats/types";

export const MAX_LIMIT = 500;

const bound = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/i, "expected a date YYYY-MM-DD or an ISO instant with an offset");

/** An empty parameter (`?from=&to=`) is an absent one. */
const absentWhenEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema);

export const statsQuerySchema = z.object({
  range: absentWhenEmpty(z.enum(RANGE_PRESETS, { error: `range must be one of ${RANGE_PRESETS.join(", ")}` }).optional()),
  from: absentWhenEmpty(bound.optional()),
  to: absentWhenEmpty(bound.optional()),
  limit: absentWhenEmpty(z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT)),
  by: absentWhenEmpty(z.enum(["streams", "time"], { error: "by must be streams or time" }).optional()),
  tz: absentWhenEmpty(
    z
      .string()
      .transform((zone, context) => {
        const name = timeZoneName(zone);
        if (name) return name;
        context.addIssue({ code: "custom", message: "unknown time zone (use an IANA name such as Europe/Berlin)" });
        return z.NEVER;
      })
      .optional(),
  ),
});

export type StatsQuery = z.infer<typeof statsQuerySchema>;

/** The filter for a valid query; throws RangeArgumentError for bounds that do not make a range. */
export function statsFilterFor(user: Pick<SessionUser, "id" | "timeZone">, query: StatsQuery, now = new Date()): StatsFilter {
  const timeZone = query.tz ?? user.timeZone;
  let from: Date | null;
  let to: Date | null;
  if (query.from || query.to) {
    from = query.from ? parseBound(query.from, timeZone, "from") : null;
    to = query.to ? parseBound(query.to, timeZone, "to") : null;
    if (from && to && from > to) throw new RangeArgumentError(`from ${from.toISOString()} is after to ${to.toISOString()}`);
  } else if (query.range) {
    ({ from, to } = resolveRangeQuery({ range: query.range }, now, timeZone));
  } else {
    from = null; // like `report`: no range means all time
    to = null;
  }
  return { userId: user.id, from, to, timeZone, limit: query.limit, now, ...(query.by ? { rankBy: query.by } : {}) };
}
