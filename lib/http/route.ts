/**
 * The one helper behind every JSON route handler: refuse a cross-site state-changing request
 * (403, SPEC §9), parse the path parameters, query (and body) with zod, answer 401 for anonymous
 * calls and 400 with the reason for bad input, then hand a typed request to the handler and
 * serialise what it returns.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { refuseForeignOrigin } from "@/lib/http/origin";

export function jsonError(status: number, error: string, details?: unknown): NextResponse {
  return NextResponse.json(details === undefined ? { error } : { error, details }, { status });
}

export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "request"}: ${issue.message}`).join("; ");
}

type Handler<Q, B, P> = (input: { user: SessionUser; query: Q; body: B; params: P; request: Request }) => Promise<unknown>;

/** What Next.js passes a route handler of a dynamic segment (`app/api/x/[id]/route.ts`). */
type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

export function userRoute<Q = undefined, B = undefined, P = undefined>(
  schemas: { query?: z.ZodType<Q>; body?: z.ZodType<B>; params?: z.ZodType<P> },
  handler: Handler<Q, B, P>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    const refused = refuseForeignOrigin(request);
    if (refused) return refused;
    const user = await getSessionUser();
    if (!user) return jsonError(401, "Sign in first: this endpoint needs a session.");
    let params = undefined as P;
    if (schemas.params) {
      const parsed = schemas.params.safeParse((await context?.params) ?? {});
      if (!parsed.success) return jsonError(404, "Not found.");
      params = parsed.data;
    }
    let query = undefined as Q;
    if (schemas.query) {
      const parsed = schemas.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
      query = parsed.data;
    }
    let body = undefined as B;
    if (schemas.body) {
      const raw = await request.json().catch(() => Symbol.for("invalid"));
      if (raw === Symbol.for("invalid")) return jsonError(400, "The request body is not valid JSON.");
      const parsed = schemas.body.safeParse(raw);
      if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
      body = parsed.data;
    }
    const result = await handler({ user, query, body, params, request });
    return result instanceof Response ? result : NextResponse.json(result);
  };
}
