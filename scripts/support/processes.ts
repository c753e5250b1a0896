/** Child processes of the command-line entry points: started, awaited, and stopped with us. */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export function bin(name: string): string {
  return path.join(process.cwd(), "node_modules", ".bin", name);
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Forwards Ctrl-C and SIGTERM to the children, then runs `cleanup` once they are gone. */
export function superviseChildren(children: ChildProcess[], cleanup: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let exitCode: number | null = null;
    let finishing = false;
    const finish = async (code: number) => {
      if (finishing) return;
      finishing = true;
      exitCode = code;
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await Promise.all(children.map((child) => (child.exitCode === null && child.signalCode === null ? new Promise((r) => child.once("exit", r)) : null)));
      await cleanup();
      resolve(exitCode);
    };
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void finish(0));
    for (const child of children) child.once("exit", (code) => void finish(code ?? 0));
  });
}
