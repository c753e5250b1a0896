/**
 * Recovery from a demo that was killed outright (kill -9, a closed terminal): its Next.js
 * server would live on and hold the port. The demo records its own pid and the app's in
 * .data/demo/processes.json; a later start stops an app whose demo is gone.
 */
import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { dataRoot } from "@/lib/db/embedded";
import { isProcessAlive } from "./processes";

type DemoProcesses = { demoPid: number; appPid: number };

const recordFile = () => path.join(dataRoot(), "demo", "processes.json");

function commandLine(pid: number): string {
  try {
    return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

export function recordDemoProcesses(app: ChildProcess): void {
  if (!app.pid) return;
  const record: DemoProcesses = { demoPid: process.pid, appPid: app.pid };
  fs.mkdirSync(path.dirname(recordFile()), { recursive: true });
  fs.writeFileSync(recordFile(), JSON.stringify(record));
}

export function forgetDemoProcesses(): void {
  fs.rmSync(recordFile(), { force: true });
}

/** Stops the app of a crashed demo; returns what it did, for the log, or null. */
export async function stopLeftoversOfCrashedDemo(): Promise<string | null> {
  let record: DemoProcesses;
  try {
    record = JSON.parse(fs.readFileSync(recordFile(), "utf8")) as DemoProcesses;
  } catch {
    return null;
  }
  if (isProcessAlive(record.demoPid)) return null; // a demo is running: its ports will be reported as taken
  forgetDemoProcesses();
  // The pid may have been reused since: only a Next.js server is ours to stop.
  if (!isProcessAlive(record.appPid) || !/next/.test(commandLine(record.appPid))) return null;
  process.kill(record.appPid, "SIGTERM");
  for (let waited = 0; waited < 5_000 && isProcessAlive(record.appPid); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isProcessAlive(record.appPid)) process.kill(record.appPid, "SIGKILL");
  return `Stopped the app (pid ${record.appPid}) left running by an earlier demo that did not shut down.`;
}
