import NextAuth from "next-auth";
import { handleAuthRequest } from "@/lib/auth/options";
import { refuseForeignOrigin } from "@/lib/http/origin";

export const dynamic = "force-dynamic";
// A sign-in's first collection runs after the response (lib/collection), within an ingestion run's time budget.
export const maxDuration = 60;

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: RouteContext) {
  return handleAuthRequest((options) => NextAuth(request as never, context as never, options) as Promise<Response>);
}

/**
 * next-auth checks its own CSRF token on sign-in and sign-out; the Origin check (SPEC §9) comes
 * first all the same, as on every state-changing route. Spotify's callback is a GET redirect, so
 * no legitimate POST here comes from another site.
 */
function post(request: Request, context: RouteContext) {
  return refuseForeignOrigin(request) ?? handler(request, context);
}

export { handler as GET, post as POST };
