import type { z } from "zod";
import { SpotifyInvalidResponseError } from "./errors";

/** `items[3].track.album.id`: array indexes in brackets, as a reader of the JSON would write them. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, "");
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The field a failed parse is about, and what is wrong with it ("is missing", "is invalid: ..."). */
function firstProblem(error: z.ZodError, json: unknown): { field: string; problem: string } {
  const issue = error.issues[0];
  const path = issue.path;
  const value = valueAt(json, path);
  const reason = issue.message.replace(/^Invalid input:\s*/, "");
  if (path.length === 0) return { field: "", problem: `the response body is invalid: ${reason}` };
  const field = formatFieldPath(path);
  if (value === undefined) return { field, problem: "is missing" };
  return { field, problem: `is invalid: ${reason}` };
}

/**
 * Parses a response body with its schema, or throws an error naming the endpoint and the field,
 * e.g. `GET /v1/me/player/recently-played: items[3].track.album.id is missing`. Field values are
 * never quoted in the message (a body may hold tokens).
 */
export function parseResponse<T extends z.ZodType>(endpoint: string, schema: T, bodyText: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    throw new SpotifyInvalidResponseError(endpoint, "", "the response body is not valid JSON");
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const { field, problem } = firstProblem(result.error, json);
  throw new SpotifyInvalidResponseError(endpoint, field, problem);
}
