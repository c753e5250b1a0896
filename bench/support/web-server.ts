/**
 * The web bench's Next.js server: a production build (built when stale), `next start` on a free
 * 127.0.0.1 port in its own process group, its output sent to stderr (stdout carries the bench's
 * JSON lines), and a stop that always ends the whole group.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { buildIsFresh } from "@/scripts/support/build-freshness";
import { bin } from "@/scripts/support/processes";

export const HOST = "127.0.0.1";

function spawnQuiet(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Own process group (detached), so stopping it also ends anything next spawns.
  return spawn(bin("next"), args, { stdio: ["ignore", process.stderr, process.stderr], env, detached: true });
}

/** Runs `next build` unless `.next` is newer than every source it was built from. */
export async function ensureProductionBuild(log: (line: string) => void): Promise<void> {
  if (buildIsFresh()) return;
  log("web bench: the production build is missing or stale: running next build");
  const started = Date.now();
  const child = spawnQuiet(["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  const code = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
  log(`web bench: next build took ${Math.round((Date.now() - started) / 1000)} s`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export type WebServer = { origin: string; pid: number; stop(): Promise<void> };

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** `next start` with the given environment; resolves once it answers HTTP. */
export async function startServer(env: Record<string, string>, log: (line: string) => void): Promise<WebServer> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build in .next");
  if (!exitHookInstalled) {
    // Last resort when the bench process ends without reaching `stop()` (e.g. process.exit).
    process.once("exit", () => children.forEach((child) => killGroup(child, "SIGKILL")));
    exitHookInstalled = true;
  }
  const port = await freePort();
  const origin = `http://${HOST}:${port}`;
  const child = spawnQuiet(["start", "-H", HOST, "-p", String(port)], {
    ...process.env,
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: origin,
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
    if (child.exitCode === null && child.signalCode === null) await exited;
    clearTimeout(timer);
    killGroup(child, "SIGKILL"); // anything left in the group
    children.delete(child);
  };
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited early (code ${child.exitCode ?? child.signalCode})`);
      try {
        await fetch(`${origin}/`, { redirect: "manual", signal: AbortSignal.timeout(2000) });
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`next start did not answer on ${origin} within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  log(`web bench: next start on ${origin} (pid ${child.pid})`);
  return { origin, pid: child.pid ?? 0, stop };
}

/** User + system CPU time (ms) of every process in the server's process group (Linux /proc). */
export function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}
