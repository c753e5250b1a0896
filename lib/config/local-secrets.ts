/**
 * Secrets for a self-hosted install that did not set them: generated once and kept in
 * .data/secrets.json (mode 0600) so sessions and stored tokens survive restarts.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataRoot } from "@/lib/db/embedded";

type LocalSecrets = { AUTH_SECRET: string; TOKEN_ENCRYPTION_KEY: string; CRON_SECRET: string };

function readOrCreate(): LocalSecrets {
  const file = path.join(dataRoot(), "secrets.json");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LocalSecrets;
  } catch {
    const secrets: LocalSecrets = {
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      CRON_SECRET: randomBytes(24).toString("base64url"),
    };
    fs.mkdirSync(dataRoot(), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}

/**
 * Fills the named variables that the environment leaves unset; returns the names it filled.
 * CRON_SECRET is only filled when asked (demo mode): otherwise an unset secret must keep the
 * cron endpoint closed.
 */
export function applyLocalSecrets(names: (keyof LocalSecrets)[]): string[] {
  const filled: string[] = [];
  const missing = names.filter((name) => !process.env[name] && !(name === "AUTH_SECRET" && process.env.NEXTAUTH_SECRET));
  if (!missing.length) return filled;
  const secrets = readOrCreate();
  for (const name of missing) {
    process.env[name] = secrets[name];
    filled.push(name);
  }
  return filled;
}
