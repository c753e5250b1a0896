import type { ServerResponse } from "node:http";

// Cover art and portraits: a square SVG coloured from the id, so the demo shows images offline.

export function sendPlaceholderImage(res: ServerResponse, name: string): void {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="hsl(${hue} 55% 45%)"/><circle cx="32" cy="32" r="18" fill="hsl(${(hue + 180) % 360} 60% 70%)"/></svg>`;
  res.writeHead(200, { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400", "Content-Length": Buffer.byteLength(svg) });
  res.end(svg);
}
