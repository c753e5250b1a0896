import { describe, expect, it } from "vitest";
import { trendsQuerySchema } from "@/app/api/trends/trends-query";

describe("GET /api/trends query", () => {
  it("takes empty parameters as absent ones; limit defaults to 10", () => {
    expect(trendsQuerySchema.parse({ now: "", limit: "" })).toEqual({ limit: 10 });
    expect(trendsQuerySchema.parse({})).toEqual({ limit: 10 });
  });

  it("reads now as an ISO instant with an offset", () => {
    expect(trendsQuerySchema.parse({ now: "2025-03-01T12:00:00Z", limit: "3" })).toEqual({ now: new Date("2025-03-01T12:00:00.000Z"), limit: 3 });
    expect(trendsQuerySchema.parse({ now: "2025-03-01T12:00:00.123+01:00" }).now).toEqual(new Date("2025-03-01T11:00:00.123Z"));
  });

  it.each([{ now: "2025-03-01" }, { now: "yesterday" }, { now: "2025-02-30T12:00:00Z" }, { limit: "0" }, { limit: "501" }, { limit: "two" }])("refuses %j", (query) => {
    expect(trendsQuerySchema.safeParse(query).success).toBe(false);
  });
});
