import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isForeignOrigin, refuseForeignOrigin } from "@/lib/http/origin";

const request = (method: string, origin?: string) =>
  new Request("http://localhost:3000/api/settings/time-zone", { method, headers: origin === undefined ? {} : { origin } });

describe("the Origin check of state-changing requests (SPEC §9)", () => {
  const saved = process.env.NEXTAUTH_URL;
  beforeEach(() => {
    process.env.NEXTAUTH_URL = "http://127.0.0.1:3000";
  });
  afterEach(() => {
    process.env.NEXTAUTH_URL = saved;
  });

  it("lets the app's own origin and requests without Origin through", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isForeignOrigin(request(method, "http://127.0.0.1:3000"))).toBe(false);
      expect(isForeignOrigin(request(method))).toBe(false);
    }
  });

  it("refuses another scheme, host or port, and the opaque null origin, with 403", async () => {
    for (const origin of ["https://127.0.0.1:3000", "http://localhost:3000", "http://127.0.0.1:3001", "http://evil.example", "null"]) {
      const refused = refuseForeignOrigin(request("POST", origin));
      expect(refused?.status, origin).toBe(403);
      expect(((await refused!.json()) as { error: string }).error).toMatch(/another site/);
    }
  });

  it("never refuses a read", () => {
    expect(isForeignOrigin(request("GET", "http://evil.example"))).toBe(false);
    expect(isForeignOrigin(request("HEAD", "http://evil.example"))).toBe(false);
  });
});
