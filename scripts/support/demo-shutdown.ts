/**
 * Everything `npm run demo` starts, stopped in reverse order on Ctrl-C, SIGTERM or a failure,
 * at any stage of start-up (a build in progress included), so nothing is left running.
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { isProcessAlive } from "./processes";

/** How long a child gets to stop after SIGTERM before it is killed. */
const CHILD_STOP_GRACE_MS = 8_000;

type StopStep = { name: string; stop: () => Promise<void> };

export class DemoShutdown {
  private readonly steps: StopStep[] = [];
  private stopping: Promise<void> | null = null;
  private signalled = false;

  constructor(private readonly log: (line: string) => void) {}

  /** True once Ctrl-C or SIGTERM arrived: start-up steps check it before going on. */
  get requested(): boolean {
    return this.signalled;
  }

  /** Installs the signal handlers; `onSignal` runs after everything stopped. */
  listen(onSignal: () => void): void {
    const stopFor = (reason: string) => {
      if (this.signalled) return;
      this.signalled = true;
      this.log(`\n${reason}: stopping the demo…`);
      void this.stopAll().then(onSignal);
    };
    process.on("SIGINT", () => stopFor("Ctrl-C"));
    process.on("SIGTERM", () => stopFor("SIGTERM"));
    process.on("SIGHUP", () => stopFor("The terminal closed"));
    // `kill <pid of npm>` ends npm's `sh -c` but not what the shell started: notice it.
    const ancestors = ancestorPids();
    setInterval(() => {
      const gone = ancestors.find((pid) => !isProcessAlive(pid));
      if (gone) stopFor(`Parent process ${gone} ended`);
    }, 1_000).unref();
  }

  add(name: string, stop: () => Promise<void>): void {
    this.steps.push({ name, stop });
  }

  addChild(name: string, child: ChildProcess): void {
    this.add(name, () => stopChild(child));
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.stop();
        } catch (error) {
          this.log(`Could not stop ${step.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.stopping;
  }
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => isRunning(child) && child.kill("SIGKILL"), CHILD_STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** The processes this one runs under (npm's shell, npm, ...), up to init. */
function ancestorPids(): number[] {
  const pids: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && pids.length < 8) {
    pids.push(pid);
    try {
      pid = Number(execFileSync("ps", ["-o", "ppid=", "-p", String(pid)], { encoding: "utf8" }).trim());
    } catch {
      break;
    }
  }
  return pids;
}
