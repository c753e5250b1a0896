/**
 * The app's routes as Next.js's App Router finds them on disk: every `page` and `route` file under
 * app/, with its URL pattern. Tests walk this list, so a route added later cannot be forgotten.
 */
import fs from "node:fs";
import path from "node:path";

export type AppRoute = {
  kind: "page" | "handler";
  /** Relative to the project, e.g. `app/wrapped/[year]/page.tsx`. */
  file: string;
  /** The URL with its dynamic segments as written, e.g. `/wrapped/[year]`. */
  pattern: string;
};

const PAGE = /^page\.(tsx|ts|jsx|js)$/;
const HANDLER = /^route\.(tsx|ts|jsx|js)$/;

/** Folders that are no URL segment of their own, or no route at all (Next.js's conventions). */
function segmentOf(folder: string): string | null | "skip" {
  if (folder.startsWith("_")) return "skip"; // private folder
  if (folder.startsWith("@")) return "skip"; // parallel route slot: rendered inside its parent's URL
  if (/^\(\.{1,3}\)/.test(folder)) return "skip"; // intercepting route: another URL's modal view
  if (folder.startsWith("(") && folder.endsWith(")")) return null; // route group
  return folder;
}

export function appRoutes(root = process.cwd()): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const segment = segmentOf(entry.name);
        if (segment === "skip") continue;
        walk(full, segment === null ? segments : [...segments, segment]);
      } else if (PAGE.test(entry.name) || HANDLER.test(entry.name)) {
        routes.push({ kind: PAGE.test(entry.name) ? "page" : "handler", file: path.relative(root, full), pattern: `/${segments.join("/")}` });
      }
    }
  };
  walk(path.join(root, "app"), []);
  return routes;
}

/** The names of a pattern's dynamic segments: `[year]` → `year`, `[...nextauth]` → `nextauth`. */
export function dynamicSegments(pattern: string): string[] {
  return [...pattern.matchAll(/\[+(?:\.\.\.)?([^\]]+)\]+/g)].map((match) => match[1]);
}

/** A concrete URL path: each dynamic segment replaced by `values[name]` (URL-encoded). */
export function routePath(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[+(?:\.\.\.)?([^\]]+)\]+/g, (_all, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for the segment [${name}] of ${pattern}`);
    return value.split("/").map(encodeURIComponent).join("/");
  });
}

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * The HTTP methods a route handler file exports, read from its source (for the end-to-end layer,
 * which cannot import the app's modules): `export const POST`, `export async function GET`,
 * `export { handler as GET }`. The integration layer checks this against the real exports.
 */
export function exportedMethods(file: string, root = process.cwd()): string[] {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  const isMethod = (name: string): boolean => (HTTP_METHODS as readonly string[]).includes(name);
  const methods = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function\*?|const|let|var)\s+([A-Z]+)\b/g)) if (isMethod(match[1])) methods.add(match[1]);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop() ?? "";
      if (isMethod(name)) methods.add(name);
    }
  }
  return HTTP_METHODS.filter((method) => methods.has(method));
}
