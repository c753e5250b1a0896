/**
 * SPEC §9: a state-changing request (POST, PUT, PATCH, DELETE) whose `Origin` header is present
 * and is not the app's own origin (scheme, host and port; the opaque `null` included) is refused
 * with 403 before anything is read or changed. Browsers send `Origin` on every cross-site
 * request of these methods, so this closes cross-site request forgery beside `SameSite=Lax`.
 */
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The app's public origin: NEXTAUTH_URL (set by `npm start`, the demo and the tests). */
export function appOrigin(request: Request): string {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // an unparsable NEXTAUTH_URL falls back to the request's own origin below
    }
  }
  return new URL(request.url).origin;
}

export function isForeignOrigin(request: Request): boolean {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return false;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  return origin !== appOrigin(request);
}

/** A 403 for a cross-site state-changing request, or null when the request may go on. */
export function refuseForeignOrigin(request: Request): Response | null {
  if (!isForeignOrigin(request)) return null;
  return Response.json({ error: "Refused: this request came from another site (its Origin is not this app's)." }, { status: 403 });
}
