import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { contentSecurityPolicy, createNonce, dynamicSecurityHeaders, isHttpsUrl } from "@/lib/http/security-headers";

type HeaderRule = { source: string; headers: { key: string; value: string }[] };
const nextConfig = createRequire(import.meta.url)("../../../next.config.js") as { headers(): Promise<HeaderRule[]> };

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

const production = { nonce: "bm9uY2U=", development: false };

describe("the Content-Security-Policy (SPEC §9)", () => {
  it("limits scripts to the app's own and this request's nonce, with no eval in production", () => {
    const policy = directives(contentSecurityPolicy(production));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(contentSecurityPolicy(production)).not.toMatch(/unsafe-eval/);
    // Style elements need the nonce; only style attributes (React's style={…}) are inline-allowed.
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(policy.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("relaxes scripts and styles for the development server only", () => {
    const policy = directives(contentSecurityPolicy({ ...production, development: true }));
    expect(policy.get("script-src")).toContain("'unsafe-eval'");
    expect(policy.get("style-src")).toContain("'unsafe-inline'");
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows images from the app and Spotify's image hosts, and from the simulator when SPOTIFY_API_URL points at one", () => {
    expect(directives(contentSecurityPolicy(production)).get("img-src")).toEqual(["'self'", "https://i.scdn.co", "https://*.scdn.co", "https://*.spotifycdn.com"]);
    expect(directives(contentSecurityPolicy({ ...production, spotifyApiUrl: "https://api.spotify.com/" })).get("img-src")).not.toContain("https://api.spotify.com");
    expect(directives(contentSecurityPolicy({ ...production, spotifyApiUrl: "http://127.0.0.1:4110/" })).get("img-src")).toContain("http://127.0.0.1:4110");
    expect(directives(contentSecurityPolicy({ ...production, spotifyApiUrl: "not a url" })).get("img-src")).toHaveLength(4);
  });

  it("gives a fresh nonce to each request, in the form Next.js reads back from the policy", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) {
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      expect(getScriptNonceFromHeader(contentSecurityPolicy({ ...production, nonce }))).toBe(nonce);
    }
  });
});

describe("HTTPS-only headers", () => {
  it("sends HSTS and upgrade-insecure-requests only when the public URL is HTTPS", () => {
    const https = dynamicSecurityHeaders({ ...production, publicUrl: "https://encore.example.org" });
    expect(https["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(directives(https["Content-Security-Policy"]).has("upgrade-insecure-requests")).toBe(true);
    for (const publicUrl of ["http://127.0.0.1:3000", undefined, "nonsense"]) {
      const plain = dynamicSecurityHeaders({ ...production, publicUrl });
      expect(plain["Strict-Transport-Security"]).toBeUndefined();
      expect(directives(plain["Content-Security-Policy"]).has("upgrade-insecure-requests")).toBe(false);
    }
    expect(isHttpsUrl("https://x.example")).toBe(true);
    expect(isHttpsUrl("http://x.example")).toBe(false);
  });
});

describe("next.config.js headers()", () => {
  it("sends nosniff, Referrer-Policy and X-Frame-Options on every path, and no-referrer on share pages", async () => {
    const rules = await nextConfig.headers();
    const all = rules.find((rule) => rule.source === "/:path*")!;
    expect(Object.fromEntries(all.headers.map((header) => [header.key, header.value]))).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    // The later rule wins for the same header (Next.js applies them in order).
    expect(rules.indexOf(rules.find((rule) => rule.source === "/s/:path*")!)).toBeGreaterThan(rules.indexOf(all));
    expect(rules.find((rule) => rule.source === "/s/:path*")!.headers).toEqual([{ key: "Referrer-Policy", value: "no-referrer" }]);
  });
});
