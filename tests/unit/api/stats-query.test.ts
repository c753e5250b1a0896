import { describe, expect, it } from "vitest";
import { statsFilterFor, statsQuerySchema } from "@/app/api/stats/stats-query";

describe("GET /api/stats query", () => {
  it("takes empty parameters as absent ones", () => {
    expect(statsQuerySchema.parse({ from: "", to: "", limit: "", range: "", tz: "" })).toEqual({ limit: 10 });
    expect(statsQuerySchema.parse({ from: "2025-01-01", to: "", limit: "7" })).toEqual({ from: "2025-01-01", limit: 7 });
  });

  it("keeps a time zone's IANA name, setting only its case right, and refuses unknown zones and limits", () => {
    expect(statsQuerySchema.parse({ tz: "Asia/Kolkata" }).tz).toBe("Asia/Kolkata");
    expect(statsQuerySchema.parse({ tz: "europe/berlin" }).tz).toBe("Europe/Berlin");
    expect(statsQuerySchema.safeParse({ tz: "Mars/Olympus" }).error?.issues[0]).toMatchObject({ path: ["tz"], message: expect.stringContaining("unknown time zone") });
    expect(statsQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(statsQuerySchema.safeParse({ from: "yesterday" }).success).toBe(false);
  });

  it("ranks by time only when asked (by=time); streams, SPEC's order, is the default", () => {
    const user = { id: "u1", timeZone: "UTC" };
    expect(statsFilterFor(user, statsQuerySchema.parse({ by: "time" })).rankBy).toBe("time");
    expect(statsFilterFor(user, statsQuerySchema.parse({})).rankBy).toBeUndefined();
    expect(statsQuerySchema.safeParse({ by: "plays" }).error?.issues[0]).toMatchObject({ path: ["by"], message: "by must be streams or time" });
  });
});
