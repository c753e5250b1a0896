import { getDb } from "@/lib/db/client";

export type DatabaseHealth = { ok: true; db: "up" } | { ok: false; db: "down"; reason: string };

/** Asks the database one question, within a deadline, for GET /api/health. */
export async function checkDatabase(timeoutMs = 3000): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([getDb().$queryRaw`SELECT 1`, timeout]);
    return { ok: true, db: "up" };
  } catch (error) {
    return { ok: false, db: "down", reason: error instanceof Error ? error.message.split("\n")[0] : "unknown error" };
  } finally {
    clearTimeout(timer);
  }
}
