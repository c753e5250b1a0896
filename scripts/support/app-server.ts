/** Starting the Next.js server (dev or production build) on the resolved database. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { applyLocalSecrets } from "@/lib/config/local-secrets";
import { bin, isPortFree } from "./processes";

export type AppOptions = { mode: "start" | "dev"; port: number; host: string; env?: NodeJS.ProcessEnv };

export class PortTakenError extends Error {
  constructor(port: number, host: string) {
    super(`Port ${port} on ${host} is already in use. Stop what runs there, or pick another port, e.g. PORT=${port + 1} npm run demo`);
  }
}

export function appPort(): number {
  return Number(process.env.PORT ?? 3000);
}

export function appHost(): string {
  return process.env.HOST ?? "127.0.0.1";
}

export function hasProductionBuild(): boolean {
  return fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"));
}

/** Spawns `next start|dev`; secrets missing from the environment come from .data/secrets.json. */
export async function spawnApp(options: AppOptions): Promise<ChildProcess> {
  if (!(await isPortFree(options.port, options.host))) throw new PortTakenError(options.port, options.host);
  if (options.mode === "start" && !hasProductionBuild()) {
    throw new Error("There is no production build yet: run `npm run build` first (or `npm run demo`, which builds).");
  }
  const filled = applyLocalSecrets(["AUTH_SECRET", "TOKEN_ENCRYPTION_KEY"]);
  if (filled.length) console.error(`Using generated ${filled.join(" and ")} from .data/secrets.json (set them in the environment for production).`);
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://${options.host}:${options.port}`,
    ...options.env,
  };
  return spawn(bin("next"), [options.mode, "-H", options.host, "-p", String(options.port)], { stdio: "inherit", env });
}
