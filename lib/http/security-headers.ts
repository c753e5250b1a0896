/**
 * SPEC §9: the headers every response carries that depend on the request or on run-time
 * configuration (the Content-Security-Policy with its per-request nonce, HSTS). `proxy.ts` sets
 * them on every response; the static ones (nosniff, Referrer-Policy, X-Frame-Options) are in
 * `next.config.js` `headers()`.
 */

/**
 * Spotify's image hosts. `i.scdn.co` serves catalogue art (albums, artists, tracks);
 * `mosaic.scdn.co` the four-cover mosaics of playlists; `image-cdn-ak`/`image-cdn-fa.spotifycdn.com`
 * uploaded playlist covers and profile pictures; Spotify-made playlists use further hosts of the
 * same two domains (`seed-mix-image.spotifycdn.com`, `thisis-images.scdn.co`...), so both domains
 * are allowed whole. They serve images only to us: `img-src` is the only directive naming them.
 */
export const SPOTIFY_IMAGE_SOURCES = ["https://i.scdn.co", "https://*.scdn.co", "https://*.spotifycdn.com"] as const;

const DEFAULT_SPOTIFY_API_ORIGIN = "https://api.spotify.com";

export type SecurityPolicyOptions = {
  /** Fresh for every request: Next.js reads it from the request's policy and puts it on its own scripts. */
  nonce: string;
  /** `next dev`: React's development build needs `eval`, and the dev server injects unnonced styles. */
  development: boolean;
  /** The public URL (NEXTAUTH_URL); HTTPS turns on `upgrade-insecure-requests`. */
  publicUrl?: string;
  /** SPOTIFY_API_URL: when it is not Spotify's (the simulator of the demo and the tests), its placeholder images are allowed. */
  spotifyApiUrl?: string;
};

/** A nonce: 128 random bits, base64 (the characters Next.js accepts in `'nonce-…'`). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function isHttpsUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

function simulatorImageOrigin(spotifyApiUrl: string | undefined): string | null {
  if (!spotifyApiUrl) return null;
  try {
    const origin = new URL(spotifyApiUrl).origin;
    return origin === DEFAULT_SPOTIFY_API_ORIGIN || origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The policy. Scripts: the app's own files and the inline scripts Next.js renders with this
 * request's nonce, nothing else (no `'unsafe-inline'`, no `'unsafe-eval'` outside `next dev`).
 * Style elements likewise; style *attributes* are allowed (`style-src-attr 'unsafe-inline'`):
 * React renders `style={…}` (bar widths, artwork tints, Recharts' SVG) into the server HTML as
 * attributes, which cannot carry a nonce, and an attribute can neither load anything (images and
 * fonts stay under their own directives) nor select and leak other content as a `<style>` could.
 */
export function contentSecurityPolicy(options: SecurityPolicyOptions): string {
  const nonce = `'nonce-${options.nonce}'`;
  const simulator = simulatorImageOrigin(options.spotifyApiUrl);
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", nonce, ...(options.development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", ...(options.development ? ["'unsafe-inline'"] : [nonce])],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", ...SPOTIFY_IMAGE_SOURCES, ...(simulator ? [simulator] : [])],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  if (isHttpsUrl(options.publicUrl)) directives.push(["upgrade-insecure-requests"]);
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** Two years, subdomains included: only ever sent when the public URL is HTTPS. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** The run-time headers of one response. */
export function dynamicSecurityHeaders(options: SecurityPolicyOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    ...(isHttpsUrl(options.publicUrl) ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}
