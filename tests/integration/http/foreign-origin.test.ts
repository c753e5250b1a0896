/**
 * SPEC §9: every state-changing route handler (POST, PUT, PATCH, DELETE) refuses a request whose
 * Origin is another site's with 403, before it reads the body or the session, and changes nothing.
 * The handlers are found on disk (tests/helpers/app-routes.ts), so a route added later is checked
 * without anyone listing it here. There is no exception: next-auth's own POSTs (sign-in, sign-out)
 * carry its CSRF token as well, and the cron endpoint's bearer secret is not sent by browsers, but
 * both refuse another site's Origin like every other route (schedulers send no Origin).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRoutes, dynamicSegments, exportedMethods, HTTP_METHODS, routePath } from "../../helpers/app-routes";
import { useTestDatabase, type ScopedTestDatabase } from "../../helpers/test-database";

const APP = "http://127.0.0.1:3000";
const CRON_SECRET = "foreign-origin-walk-secret";
const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"] as const;
const FOREIGN_ORIGINS = ["https://evil.example", "null", "http://127.0.0.1:3001", "https://127.0.0.1:3000"];
/** Values for dynamic segments a handler reads; any other segment gets "x" (refused before it is looked up). */
const SEGMENT_VALUES: Record<string, string> = { nextauth: "signout" };

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<string, unknown>>;

const handlers = appRoutes().filter((route) => route.kind === "handler");

async function loadHandlers(file: string): Promise<[method: string, handler: RouteHandler][]> {
  const exports = (await import(pathToFileURL(path.resolve(file)).href)) as RouteModule;
  return STATE_CHANGING.filter((method) => typeof exports[method] === "function").map((method) => [method, exports[method] as RouteHandler]);
}

/** Every exported state-changing method of every route handler file. */
const stateChanging = (
  await Promise.all(handlers.map(async (route) => (await loadHandlers(route.file)).map(([method, handler]) => ({ route, method, handler }))))
).flat();

function call(route: (typeof handlers)[number], handler: RouteHandler, method: string, origin: string | null) {
  const names = dynamicSegments(route.pattern);
  const values = Object.fromEntries(names.map((name) => [name, SEGMENT_VALUES[name] ?? "x"]));
  const params = Object.fromEntries(names.map((name) => [name, route.pattern.includes(`[...${name}]`) ? values[name].split("/") : values[name]]));
  const request = new Request(`${APP}${routePath(route.pattern, values)}`, {
    method,
    headers: {
      ...(origin === null ? {} : { origin }),
      // Everything a handler could want, so only the Origin check can be what refuses it.
      authorization: `Bearer ${CRON_SECRET}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ confirm: "ada", timeZone: "Asia/Tokyo", kind: "wrapped", year: 2025 }),
  });
  return { request, response: Promise.resolve(handler(request, { params: Promise.resolve(params) })) };
}

/** Rows in every table of the app's schema, in one statement. */
async function tableCounts(test: ScopedTestDatabase): Promise<Record<string, number>> {
  const rows = await test.db.$queryRaw<{ table_name: string; rows: number }[]>`
    SELECT table_name::text,
           (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text::int AS rows
    FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name`;
  return Object.fromEntries(rows.map((row) => [row.table_name, row.rows]));
}

describe("every state-changing route handler refuses another site's Origin (SPEC §9)", () => {
  const test = useTestDatabase();
  const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, CRON_SECRET: process.env.CRON_SECRET };

  beforeAll(async () => {
    process.env.NEXTAUTH_URL = APP;
    process.env.CRON_SECRET = CRON_SECRET;
    await test.db.user.create({ data: { spotifyId: "ada", displayName: "Ada Listener", timeZone: "Europe/London" } });
  });
  afterAll(async () => {
    Object.assign(process.env, saved);
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
  });

  it("finds the app's route handlers on disk, the state-changing ones among them", async () => {
    const files = handlers.map((route) => route.file);
    for (const known of ["app/api/account/route.ts", "app/api/account/disconnect/route.ts", "app/api/settings/time-zone/route.ts", "app/api/import/route.ts", "app/api/cron/ingest/route.ts", "app/api/auth/[...nextauth]/route.ts"]) {
      expect(files).toContain(known);
    }
    expect(stateChanging.map(({ route, method }) => `${method} ${route.pattern}`)).toEqual(
      expect.arrayContaining(["DELETE /api/account", "POST /api/account/disconnect", "PUT /api/settings/time-zone", "POST /api/import", "POST /api/cron/ingest", "POST /api/auth/[...nextauth]"]),
    );
  });

  it("reads the same methods from each handler's source as it exports (the end-to-end walk reads the source)", async () => {
    for (const route of handlers) {
      const exports = (await import(pathToFileURL(path.resolve(route.file)).href)) as RouteModule;
      expect(exportedMethods(route.file), route.file).toEqual(HTTP_METHODS.filter((method) => typeof exports[method] === "function"));
    }
  });

  it.each(stateChanging.map((entry) => [`${entry.method} ${entry.route.pattern}`, entry] as const))(
    "%s: 403 for another site, body and session unread, nothing changed",
    async (_name, { route, method, handler }) => {
      const before = await tableCounts(test);
      for (const origin of FOREIGN_ORIGINS) {
        const { request, response } = call(route, handler, method, origin);
        const answer = await response;
        expect(answer.status, `${method} ${route.pattern} from ${origin}`).toBe(403);
        expect(((await answer.json()) as { error: string }).error).toMatch(/another site/);
        expect(request.bodyUsed, `${method} ${route.pattern} read the body of a refused request`).toBe(false);
      }
      expect(await tableCounts(test)).toEqual(before);
    },
  );

  it("the same cron POST without an Origin (a scheduler) does run, so the counts above would have seen a change", async () => {
    const cron = stateChanging.find(({ route, method }) => route.file === "app/api/cron/ingest/route.ts" && method === "POST")!;
    const before = await tableCounts(test);
    const answer = await call(cron.route, cron.handler, "POST", null).response;
    expect(answer.status).toBe(200);
    expect((await tableCounts(test)).ingest_runs).toBe(before.ingest_runs + 1);
  });
});
