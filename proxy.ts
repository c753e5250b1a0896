/**
 * Next.js 16's proxy (the former middleware) runs before every request, pages, route handlers,
 * static files, images and 404s alike: it gives each one a fresh CSP nonce and the run-time
 * security headers of SPEC §9 (lib/http/security-headers.ts). Next.js reads the nonce from the
 * policy on the request and puts it on the inline scripts and styles it renders.
 */
import { NextResponse, type NextRequest } from "next/server";
import { createNonce, dynamicSecurityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const headers = dynamicSecurityHeaders({
    nonce: createNonce(),
    development: process.env.NODE_ENV === "development",
    publicUrl: process.env.NEXTAUTH_URL,
    spotifyApiUrl: process.env.SPOTIFY_API_URL,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
