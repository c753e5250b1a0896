import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { userRoute } from "@/lib/http/route";
import { isValidTimeZone } from "@/lib/time-zones";
import { updateTimeZone } from "@/lib/account/account";

export const dynamic = "force-dynamic";

const timeZoneBody = z.object({ timeZone: z.string().refine(isValidTimeZone, "unknown time zone (use an IANA name such as Europe/Berlin)") });

/** Saves the signed-in user's time zone (and rebuilds their statistics rollups in it). */
export const PUT = userRoute({ body: timeZoneBody }, async ({ user, body }) => ({ timeZone: await updateTimeZone(getDb(), user.id, body.timeZone) }));
