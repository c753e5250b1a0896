import http from "node:http";
import type { AddressInfo } from "node:net";

export type ForeignSite = { origin: string; close(): Promise<void> };

/**
 * Another site for cross-origin tests: a tiny HTTP server on a free loopback port (same site as
 * the app, 127.0.0.1, but another origin) serving the given HTML pages, with no policy of its own.
 */
export async function startForeignSite(pages: Record<string, string>): Promise<ForeignSite> {
  const server = http.createServer((request, response) => {
    const page = pages[new URL(request.url ?? "/", "http://x").pathname];
    response.writeHead(page === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
    response.end(page ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
