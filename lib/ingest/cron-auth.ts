import { createHash, timingSafeEqual } from "node:crypto";

/** `Authorization: Bearer <CRON_SECRET>`, compared in constant time; an unset secret opens nothing. */
export function isCronAuthorized(authorization: string | null, secret = process.env.CRON_SECRET): boolean {
  if (!secret || !authorization) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(authorization), digest(`Bearer ${secret}`));
}
