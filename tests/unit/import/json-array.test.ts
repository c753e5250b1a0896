import { describe, expect, it } from "vitest";
import { readJsonArray } from "@/lib/import/json-array";

const LIMITS = { maxBytes: 1 << 20, maxEntryBytes: 4096, maxDepth: 8 };

async function read(text: string, chunkSize = text.length || 1) {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const seen: { index: number; value: unknown }[] = [];
  const count = await readJsonArray("f.json", chunks, {
    ...LIMITS,
    onValues: (values, first) => values.forEach((value, k) => seen.push({ index: first + k, value })),
  });
  return { count, values: seen.map((s) => s.value), indexes: seen.map((s) => s.index) };
}

describe("readJsonArray", () => {
  const doc = `\uFEFF [ {"a": "x\\"]}[,", "b": [1, {"c": null}]}, 2, "s\\\\", true , null, {"é": "ü\\u00e9"} ]\n`;
  const expected = [{ a: 'x"]}[,', b: [1, { c: null }] }, 2, "s\\", true, null, { é: "üé" }];

  it("hands on every element in order, whatever the chunk boundaries", async () => {
    for (const size of [1, 2, 3, 7, 64, 10_000]) {
      const result = await read(doc, size);
      expect(result.values).toEqual(expected);
      expect(result.indexes).toEqual([0, 1, 2, 3, 4, 5]);
      expect(result.count).toBe(6);
    }
  });

  it("accepts an empty array", async () => {
    expect((await read(" [ ] ")).count).toBe(0);
  });

  it("refuses what is not one JSON array, naming the file and entry", async () => {
    await expect(read("")).rejects.toThrow("f.json: empty file");
    await expect(read("hello")).rejects.toThrow("f.json: not JSON: expected '[' but found 'h' at the start");
    await expect(read('{"a": 1}')).rejects.toThrow("f.json: not a JSON array");
    await expect(read('[{"a": 1}')).rejects.toThrow("f.json[1]: unexpected end of file after 1 entries, before the closing ]");
    await expect(read('[{"a": 1}, {"a": 2')).rejects.toThrow("f.json[1]: unexpected end of file inside this entry");
    await expect(read('[{"a": 1}] x')).rejects.toThrow("f.json: unexpected 'x' after the end of the array");
    await expect(read('[{"a": 1} {"b": 2}]')).rejects.toThrow("f.json[0]: not valid JSON: expected ',' or ']'");
    await expect(read('[{"a": 1}, {"b": tru}]', 3)).rejects.toThrow("f.json[1]: not valid JSON");
    await expect(read(`[1, ${"[".repeat(9)}${"]".repeat(9)}]`)).rejects.toThrow("f.json[1]: nested deeper than 8 levels");
    await expect(read(`[{"a": "${"x".repeat(5000)}"}]`, 100)).rejects.toThrow("f.json[0]: entry larger than 4096 bytes");
  });

  it("stops at the byte limit", async () => {
    const big = `[${Array.from({ length: 200 }, () => '"0123456789"').join(",")}]`;
    await expect(
      readJsonArray("f.json", [Buffer.from(big)], { ...LIMITS, maxBytes: 1000, onValues: () => undefined }),
    ).rejects.toThrow("f.json: inflates to more than 1000 bytes; refused");
  });
});
