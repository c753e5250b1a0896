import NextAuth from "next-auth";
import { handleAuthRequest } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: RouteContext) {
  return handleAuthRequest((options) => NextAuth(request as never, context as never, options) as Promise<Response>);
}

export { handler as GET, handler as POST };
